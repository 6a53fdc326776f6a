import WeftJSON

extension SAPSimulator {
    /// 2026-01-01T00:00:00Z in milliseconds.
    static let newYear: Double = 1_767_225_600_000
    static let day: Double = 86_400_000

    /// Seven business partners: five organizations (four of them customers) and two persons. Partners 1000003,
    /// 1000005 and 1000006 were changed on 2026-01-05, 01-06 and 01-08; the others never since creation.
    static func seedPartners() -> [JSON] {
        let rows: [(String, String, String, String, Int?)] = [
            ("1000001", "2", "Inlandsgruppe Nord GmbH", "10100001", nil),
            ("1000002", "2", "Domestic US Supplies Inc.", "10100002", nil),
            ("1000003", "2", "Becker Berlin AG", "10100003", 4),
            ("1000004", "1", "Jonas Weber", "", nil),
            ("1000005", "2", "Lisboa Trading Lda.", "10100005", 5),
            ("1000006", "1", "Maria Rossi", "", 7),
            ("1000007", "2", "Nordic Pumps Oy", "", nil),
        ]
        return rows.enumerated().map { index, row -> JSON in
            let (id, category, name, customer, changedDay) = row
            let created = newYear - Double(30 - index) * day
            var partner = partnerDefaults(id: id, created: created, time: "PT09H0\(index)M00S")
            partner["BusinessPartnerCategory"] = .string(category)
            partner["BusinessPartnerFullName"] = .string(name)
            partner["BusinessPartnerName"] = .string(name)
            partner["Customer"] = .string(customer)
            partner["SearchTerm1"] = .string(String(name.uppercased().prefix(10)))
            if category == "1" {
                let parts = name.split(separator: " ").map(String.init)
                partner["FirstName"] = .string(parts[0])
                partner["LastName"] = .string(parts[1])
            } else {
                partner["OrganizationBPName1"] = .string(name)
                partner["Industry"] = index % 2 == 0 ? "MANU" : "RETL"
            }
            if let changedDay {
                partner["LastChangeDate"] = date(newYear + Double(changedDay) * day)
                partner["LastChangeTime"] = .string("PT1\(index)H30M00S")
                partner["LastChangedByUser"] = "CB9980000012"
            }
            return .object(partner)
        }
    }

    /// One address per partner.
    static func seedAddresses() -> [String: [JSON]] {
        let places: [(String, String, String, String, String)] = [
            ("DE", "Hamburg", "20095", "Moenckebergstrasse", "7"), ("US", "Chicago", "60601", "Michigan Ave", "120"),
            ("DE", "Berlin", "10117", "Friedrichstrasse", "68"), ("DE", "Munich", "80331", "Marienplatz", "1"),
            ("PT", "Lisbon", "1100-148", "Rua Augusta", "24"), ("IT", "Milan", "20121", "Via Dante", "9"),
            ("FI", "Espoo", "02150", "Otakaari", "5"),
        ]
        var addresses: [String: [JSON]] = [:]
        for (index, place) in places.enumerated() {
            let id = "100000\(index + 1)"
            addresses[id] = [
                [
                    "BusinessPartner": .string(id), "AddressID": .string(String(30_000 + index)),
                    "Country": .string(place.0), "CityName": .string(place.1), "PostalCode": .string(place.2),
                    "StreetName": .string(place.3), "HouseNumber": .string(place.4), "Region": "",
                ]
            ]
        }
        return addresses
    }

    /// Five sales orders for the customer partners, changed a day apart from 2026-01-02 at 08:00 UTC.
    static func seedSalesOrders() -> [JSON] {
        let customers = ["10100001", "10100003", "10100005", "10100003", "10100002"]
        return customers.enumerated().map { index, customer -> JSON in
            let created = newYear + Double(index + 1) * day
            let changed = created + 8 * 3_600_000
            return [
                "SalesOrder": .string(String(5_000_001 + index)), "SalesOrderType": "OR", "SalesOrganization": "1010",
                "DistributionChannel": "10", "OrganizationDivision": "00", "SoldToParty": .string(customer),
                "PurchaseOrderByCustomer": .string("PO-\(4_400 + index)"), "TransactionCurrency": "EUR",
                "TotalNetAmount": .string(String(format: "%.2f", 25.0 * Double(index + 1))),
                "OverallSDProcessStatus": index < 2 ? "C" : "A", "SalesOrderDate": date(created),
                "CreationDate": date(created), "LastChangeDate": date(created),
                "LastChangeDateTime": date(changed, offset: true), "CreatedByUser": "CB9980000012",
            ]
        }
    }

    /// One item per seeded order: two pieces of TG11 for each 25 EUR of the total.
    static func seedItems() -> [String: [JSON]] {
        var items: [String: [JSON]] = [:]
        for index in 0..<5 {
            let id = String(5_000_001 + index)
            items[id] = [
                [
                    "SalesOrder": .string(id), "SalesOrderItem": "10", "Material": "TG11",
                    "SalesOrderItemText": "Trading good 11", "RequestedQuantity": .string(String(2 * (index + 1))),
                    "RequestedQuantityUnit": "PC",
                    "NetAmount": .string(String(format: "%.2f", 25.0 * Double(index + 1))),
                    "TransactionCurrency": "EUR",
                ]
            ]
        }
        return items
    }
}
