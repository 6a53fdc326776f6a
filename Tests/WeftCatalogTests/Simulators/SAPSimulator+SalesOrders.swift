import Foundation
import WeftJSON
import WeftTestSupport

extension SAPSimulator {
    /// Net prices of the materials the simulated system sells, per piece.
    static let prices: [String: Double] = ["TG11": 12.5, "TG12": 45, "FG-PUMP-100": 1_200, "SVC-INSTALL": 95]

    /// A sales order as the service answers it: `__metadata`, and its items inline when expanded.
    func decorateOrder(_ order: JSON, _ request: RecordedRequest, expand: Bool) -> JSON {
        let id = order["SalesOrder"]?.stringValue ?? ""
        let uri = SimulatorSupport.origin(request) + Self.root + "/API_SALES_ORDER_SRV/A_SalesOrder('\(id)')"
        let items: JSON =
            expand
            ? ["results": .array(state.value.items[id] ?? [])]
            : ["__deferred": ["uri": .string(uri + "/to_Item")]]
        return order.setting(
            "__metadata", ["id": .string(uri), "uri": .string(uri), "type": "API_SALES_ORDER_SRV.A_SalesOrderType"]
        ).setting("to_Item", items)
    }

    func listOrders(_ request: RecordedRequest) -> TestResponse {
        let expand = request.queryValue("$expand")?.contains("to_Item") == true
        return collection(request, state.value.salesOrders, key: "SalesOrder") {
            decorateOrder($0, request, expand: expand)
        }
    }

    func getOrder(_ id: String, _ request: RecordedRequest) -> TestResponse {
        guard let order = state.value.salesOrders.first(where: { $0["SalesOrder"]?.stringValue == id }) else {
            return Self.error(404, code: "/IWBEP/CM_MGW_RT/021", "Resource not found for the key SalesOrder='\(id)'")
        }
        let expand = request.queryValue("$expand")?.contains("to_Item") == true
        return SimulatorSupport.json(["d": decorateOrder(order, request, expand: expand)])
    }

    /// A deep insert: the header with `to_Item.results`; the sold-to party must be a customer, every material
    /// known, and every quantity positive.
    func createOrder(_ request: RecordedRequest) -> TestResponse {
        guard let body = SimulatorSupport.body(request), var fields = body.objectValue else {
            return Self.error(400, code: "/IWBEP/CM_MGW_RT/004", "The request body is not valid JSON")
        }
        for required in ["SalesOrderType", "SalesOrganization", "DistributionChannel", "OrganizationDivision"]
        where (fields[required]?.stringValue ?? "").isEmpty {
            return Self.error(400, code: "V1/320", "Enter a value for \(required)")
        }
        let soldTo = fields["SoldToParty"]?.stringValue ?? ""
        guard !soldTo.isEmpty, state.value.partners.contains(where: { $0["Customer"]?.stringValue == soldTo }) else {
            return Self.error(
                400, code: "V1/382", "Sold-to party '\(soldTo)' is not a customer of sales area 1010/10/00")
        }
        guard let lines = fields.removeValue(forKey: "to_Item")?["results"]?.arrayValue, !lines.isEmpty else {
            return Self.error(400, code: "V1/555", "A sales order needs at least one item (to_Item)")
        }
        var total = 0.0
        for line in lines {
            let material = line["Material"]?.stringValue ?? ""
            guard let price = Self.prices[material] else {
                return Self.error(
                    400, code: "V1/391", "Material '\(material)' is not defined for sales area 1010/10/00")
            }
            guard let quantity = Double(line["RequestedQuantity"]?.stringValue ?? ""), quantity > 0 else {
                return Self.error(400, code: "V1/118", "Enter a positive quantity for material '\(material)'")
            }
            total += price * quantity
        }
        let order = state.update { state -> JSON in
            let id = String(state.nextOrder)
            state.nextOrder += 1
            let now = tick(&state)
            let midnight = (now / 86_400_000).rounded(.down) * 86_400_000
            var order: JSONObject = [
                "SalesOrder": .string(id), "PurchaseOrderByCustomer": "", "TransactionCurrency": "EUR",
                "OverallSDProcessStatus": "A", "SalesOrderDate": Self.date(midnight),
                "CreationDate": Self.date(midnight),
                "LastChangeDate": Self.date(midnight), "LastChangeDateTime": Self.date(now, offset: true),
                "CreatedByUser": .string(Self.username),
            ]
            for (key, value) in fields { order[key] = value }
            order["TotalNetAmount"] = .string(String(format: "%.2f", total))
            state.salesOrders.append(.object(order))
            state.items[id] = lines.enumerated().map { index, line in
                let quantity = Double(line["RequestedQuantity"]?.stringValue ?? "") ?? 0
                let price = Self.prices[line["Material"]?.stringValue ?? ""] ?? 0
                return line.merging([
                    "SalesOrder": .string(id), "SalesOrderItem": .string(String((index + 1) * 10)),
                    "RequestedQuantityUnit": line["RequestedQuantityUnit"] ?? "PC",
                    "NetAmount": .string(String(format: "%.2f", price * quantity)), "TransactionCurrency": "EUR",
                ])
            }
            return .object(order)
        }
        let id = order["SalesOrder"]?.stringValue ?? ""
        let uri = SimulatorSupport.origin(request) + Self.root + "/API_SALES_ORDER_SRV/A_SalesOrder('\(id)')"
        return SimulatorSupport.json(
            ["d": decorateOrder(order, request, expand: true)], status: 201, headers: [("Location", uri)])
    }
}
