import WeftJSON

extension StepFailure {
    /// The failure as JSON, as step records write it: `{ kind, message, status? }`. The retry hints
    /// (`retryAfter`, `retryable`) only matter while the step runs and are not part of it.
    public var json: JSON {
        var object: JSONObject = ["kind": .string(kind.rawValue), "message": .string(message)]
        if let status { object["status"] = .number(Double(status)) }
        return .object(object)
    }

    /// Reads what ``json`` writes; `nil` when it is not a failure (an unknown kind among it). `retryable` is the
    /// kind's default.
    public init?(json: JSON) {
        guard let kindText = json["kind"]?.stringValue, let kind = Kind(rawValue: kindText),
            let message = json["message"]?.stringValue
        else { return nil }
        var status: Int?
        if let value = json["status"] {
            guard let number = value.numberValue, let code = Int(exactly: number) else { return nil }
            status = code
        }
        self.init(kind, message, status: status)
    }
}
