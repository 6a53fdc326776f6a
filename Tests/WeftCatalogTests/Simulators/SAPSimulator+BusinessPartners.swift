import Foundation
import WeftJSON
import WeftTestSupport

extension SAPSimulator {
    /// A business partner as the service answers it: `__metadata`, and its addresses inline when expanded or as
    /// a `__deferred` link.
    func decoratePartner(_ partner: JSON, _ request: RecordedRequest, expand: Bool) -> JSON {
        let id = partner["BusinessPartner"]?.stringValue ?? ""
        let uri = SimulatorSupport.origin(request) + Self.root + "/API_BUSINESS_PARTNER/A_BusinessPartner('\(id)')"
        let addresses: JSON =
            expand
            ? ["results": .array(state.value.addresses[id] ?? [])]
            : ["__deferred": ["uri": .string(uri + "/to_BusinessPartnerAddress")]]
        return partner.setting(
            "__metadata",
            ["id": .string(uri), "uri": .string(uri), "type": "API_BUSINESS_PARTNER.A_BusinessPartnerType"]
        ).setting("to_BusinessPartnerAddress", addresses)
    }

    func listPartners(_ request: RecordedRequest) -> TestResponse {
        let expand = request.queryValue("$expand")?.contains("to_BusinessPartnerAddress") == true
        return collection(request, state.value.partners, key: "BusinessPartner") {
            decoratePartner($0, request, expand: expand)
        }
    }

    func getPartner(_ id: String, _ request: RecordedRequest) -> TestResponse {
        guard let partner = state.value.partners.first(where: { $0["BusinessPartner"]?.stringValue == id }) else {
            return Self.error(
                404, code: "/IWBEP/CM_MGW_RT/021", "Resource not found for the key BusinessPartner='\(id)'")
        }
        let expand = request.queryValue("$expand")?.contains("to_BusinessPartnerAddress") == true
        return SimulatorSupport.json(["d": decoratePartner(partner, request, expand: expand)])
    }

    /// The properties a client may not set.
    private static let readOnly: Set<String> = [
        "BusinessPartner", "BusinessPartnerFullName", "CreationDate", "CreationTime", "LastChangeDate",
        "LastChangeTime", "CreatedByUser", "LastChangedByUser", "__metadata",
    ]

    func createPartner(_ request: RecordedRequest) -> TestResponse {
        guard let body = SimulatorSupport.body(request), var fields = body.objectValue else {
            return Self.error(400, code: "/IWBEP/CM_MGW_RT/004", "The request body is not valid JSON")
        }
        if let field = fields.keys.first(where: { Self.readOnly.contains($0) && $0 != "__metadata" }) {
            return Self.error(400, code: "/IWBEP/CM_MGW_RT/010", "The property '\(field)' cannot be set")
        }
        let category = fields["BusinessPartnerCategory"]?.stringValue
        switch category {
        case "1"? where (fields["LastName"]?.stringValue ?? "").isEmpty:
            return Self.error(400, code: "R11/401", "Enter a last name for a person")
        case "2"? where (fields["OrganizationBPName1"]?.stringValue ?? "").isEmpty:
            return Self.error(400, code: "R11/402", "Enter a name for an organization")
        case "1"?, "2"?:
            break
        default:
            return Self.error(400, code: "R11/124", "Business partner category '\(category ?? "")' is not valid")
        }
        let addresses = fields.removeValue(forKey: "to_BusinessPartnerAddress")?["results"]?.arrayValue ?? []
        let partner = state.update { state -> JSON in
            let id = String(state.nextPartner)
            state.nextPartner += 1
            let now = tick(&state)
            let midnight = (now / 86_400_000).rounded(.down) * 86_400_000
            let name =
                category == "2"
                ? fields["OrganizationBPName1"]?.stringValue ?? ""
                : [fields["FirstName"]?.stringValue, fields["LastName"]?.stringValue].compactMap { $0 }
                    .joined(separator: " ")
            var partner = Self.partnerDefaults(id: id, created: midnight, time: Self.time(now))
            for (key, value) in fields { partner[key] = value }
            partner["BusinessPartnerFullName"] = .string(name)
            partner["BusinessPartnerName"] = .string(name)
            state.partners.append(.object(partner))
            state.addresses[id] = addresses.enumerated().map { index, address in
                address.setting("BusinessPartner", .string(id)).setting(
                    "AddressID", .string(String(40_000 + state.nextPartner * 10 + index)))
            }
            return .object(partner)
        }
        let id = partner["BusinessPartner"]?.stringValue ?? ""
        let uri = SimulatorSupport.origin(request) + Self.root + "/API_BUSINESS_PARTNER/A_BusinessPartner('\(id)')"
        return SimulatorSupport.json(
            ["d": decoratePartner(partner, request, expand: !addresses.isEmpty)], status: 201,
            headers: [("Location", uri)])
    }

    func updatePartner(_ id: String, _ request: RecordedRequest) -> TestResponse {
        guard let body = SimulatorSupport.body(request), let fields = body.objectValue else {
            return Self.error(400, code: "/IWBEP/CM_MGW_RT/004", "The request body is not valid JSON")
        }
        if let field = fields.keys.first(where: { Self.readOnly.contains($0) || $0.hasPrefix("to_") }) {
            return Self.error(400, code: "/IWBEP/CM_MGW_RT/010", "The property '\(field)' cannot be changed")
        }
        return state.update { state -> TestResponse in
            guard let index = state.partners.firstIndex(where: { $0["BusinessPartner"]?.stringValue == id }) else {
                return Self.error(
                    404, code: "/IWBEP/CM_MGW_RT/021", "Resource not found for the key BusinessPartner='\(id)'")
            }
            let now = tick(&state)
            let midnight = (now / 86_400_000).rounded(.down) * 86_400_000
            state.partners[index] = state.partners[index].merging(.object(fields))
                .setting("LastChangeDate", Self.date(midnight)).setting("LastChangeTime", .string(Self.time(now)))
                .setting("LastChangedByUser", .string(Self.username))
            return TestResponse(status: 204, headers: [], body: [])
        }
    }

    /// `PT10H15M00S` for the time of day of `millis`.
    static func time(_ millis: Double) -> String {
        let seconds = Int(millis / 1000) % 86_400
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "PT\(pad(seconds / 3600))H\(pad(seconds / 60 % 60))M\(pad(seconds % 60))S"
    }

    /// A new business partner's properties before the client's are laid over them.
    static func partnerDefaults(id: String, created: Double, time: String) -> JSONObject {
        [
            "BusinessPartner": .string(id), "Customer": "", "Supplier": "", "BusinessPartnerCategory": "2",
            "BusinessPartnerFullName": "", "BusinessPartnerName": "", "BusinessPartnerGrouping": "BP02",
            "FirstName": "", "LastName": "", "OrganizationBPName1": "", "OrganizationBPName2": "",
            "SearchTerm1": "", "Language": "EN", "Industry": "", "BusinessPartnerIsBlocked": false,
            "IsMarkedForArchiving": false, "CreatedByUser": .string(username), "CreationDate": date(created),
            "CreationTime": .string(time), "LastChangedByUser": "", "LastChangeDate": .null,
            "LastChangeTime": "PT00H00M00S",
        ]
    }
}
