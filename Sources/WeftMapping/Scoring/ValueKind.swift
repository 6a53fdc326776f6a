/// What a field's value means, beyond its JSON type: read from its format, name, description and examples.
enum ValueKind: String, Sendable, Hashable, CaseIterable {
    case temporal, money, currencyCode, email, phone, countryCode, url, uuid, percent, postalCode

    /// How a reason says that two fields share this kind.
    var bothAre: String {
        switch self {
        case .temporal: "both are dates"
        case .money: "both are amounts of money"
        case .currencyCode: "both are ISO 4217 currency codes"
        case .email: "both are e-mail addresses"
        case .phone: "both are phone numbers"
        case .countryCode: "both are ISO 3166 country codes"
        case .url: "both are URLs"
        case .uuid: "both are UUIDs"
        case .percent: "both are percentages"
        case .postalCode: "both are postal codes"
        }
    }

    /// How a reason names one field of this kind.
    var noun: String {
        switch self {
        case .temporal: "a date"
        case .money: "an amount of money"
        case .currencyCode: "a currency code"
        case .email: "an e-mail address"
        case .phone: "a phone number"
        case .countryCode: "a country code"
        case .url: "a URL"
        case .uuid: "a UUID"
        case .percent: "a percentage"
        case .postalCode: "a postal code"
        }
    }
}
