extension SchemaSampler.Run {
    /// A string in `format`, or `nil` for a format this sampler does not know (the string is then made as if
    /// there were none).
    mutating func formatted(_ format: String) -> String? {
        switch format {
        case "date-time": return "\(date())T\(time())Z"
        case "date": return date()
        case "time": return time()
        case "email", "idn-email": return email()
        case "uuid": return uuid()
        case "uri", "url", "iri": return "https://example.com/\(word())/\(alphanumeric(8))"
        case "uri-reference", "iri-reference", "uri-template": return "/\(word())/\(alphanumeric(8))"
        case "hostname", "idn-hostname": return "\(word()).example.com"
        case "ipv4": return "192.0.2.\(random.int(in: 1...254))"
        case "ipv6": return "2001:db8::\(String(random.int(in: 1...0xFFFF), radix: 16))"
        case "byte": return Self.base64((0..<random.int(in: 6...12)).map { _ in UInt8(random.int(in: 0...255)) })
        case "binary": return alphanumeric(16)
        case "password": return "pw-\(alphanumeric(12))"
        case "duration": return "PT\(random.int(in: 1...59))M"
        default: return nil
        }
    }

    /// A string that fits a property called `name`: an e-mail address for `email`, a URL for `url`, and so on;
    /// two words when the name gives no hint.
    mutating func text(for name: String?) -> String {
        let name = (name ?? "").lowercased()
        if name.contains("email") { return email() }
        if name.hasSuffix("url") || name.hasSuffix("uri") || name.contains("href") || name.contains("website") {
            return "https://example.com/\(word())/\(alphanumeric(8))"
        }
        if name.contains("phone") || name.hasSuffix("fax") { return "+1-555-01\(random.int(in: 10...99))" }
        if name.contains("currency") { return random.pick(["usd", "eur", "gbp"]) }
        if name.contains("country") { return random.pick(["US", "GB", "FR", "DE", "CA"]) }
        if name.contains("city") { return random.pick(["Lisbon", "Oslo", "Leeds", "Lyon", "Boston"]) }
        if name.contains("first") || name.contains("given") { return random.pick(Self.givenNames) }
        if name.contains("last") && name.contains("name") || name.contains("surname") || name.contains("family") {
            return random.pick(Self.familyNames)
        }
        if name == "name" || name.hasSuffix("_name") || name.hasSuffix("name") && name.count > 4 {
            return "\(random.pick(Self.givenNames)) \(random.pick(Self.familyNames))"
        }
        if name.hasSuffix("_at") || name.hasSuffix("date") { return "\(date())T\(time())Z" }
        if name == "id" || name.hasSuffix("_id") || name.hasSuffix("id") && name.count > 2 {
            return "id_\(alphanumeric(10))"
        }
        if name.contains("description") || name.contains("note") || name.contains("comment")
            || name.contains("message")
        {
            return "\(word().capitalized) \(word()) \(word())."
        }
        return "\(word()) \(word())"
    }

    /// One lower-case word.
    mutating func word() -> String {
        random.pick(Self.words)
    }

    mutating func alphanumeric(_ length: Int) -> String {
        String((0..<length).map { _ in random.pick(Self.alphanumerics) })
    }

    /// A date between 2020-01-01 and the end of 2026, as `YYYY-MM-DD`.
    mutating func date() -> String {
        var year = 2020
        var day = random.int(in: 0...(7 * 365))
        while true {
            let length = Self.isLeap(year) ? 366 : 365
            if day < length { break }
            day -= length
            year += 1
        }
        var month = 1
        for length in Self.monthLengths(year) {
            if day < length { break }
            day -= length
            month += 1
        }
        return "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day + 1))"
    }

    /// A time of day as `HH:MM:SS`.
    mutating func time() -> String {
        let hour = random.int(in: 0...23)
        let minute = random.int(in: 0...59)
        let second = random.int(in: 0...59)
        return "\(Self.twoDigits(hour)):\(Self.twoDigits(minute)):\(Self.twoDigits(second))"
    }

    mutating func email() -> String {
        "\(random.pick(Self.givenNames).lowercased()).\(random.pick(Self.familyNames).lowercased())"
            + "\(random.int(in: 1...99))@example.com"
    }

    /// A version-4 UUID, in lower case.
    mutating func uuid() -> String {
        let high = (random.next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000
        let low = (random.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = Self.hex(high, 16) + Self.hex(low, 16)
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    static func hex(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func monthLengths(_ year: Int) -> [Int] {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var output = ""
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - offset * 8) }
            for position in 0..<4 {
                output.append(position <= chunk.count ? alphabet[(value >> (18 - position * 6)) & 63] : "=")
            }
            index += 3
        }
        return output
    }

    static let alphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    static let givenNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Frances", "Niklaus", "Radia"]
    static let familyNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Allen", "Wirth"]
    static let words = [
        "amber", "birch", "cedar", "delta", "ember", "fjord", "garnet", "harbor", "indigo", "juniper", "kestrel",
        "lantern", "meadow", "nectar", "orchid", "pebble", "quartz", "river", "saffron", "timber", "umber",
        "violet", "willow", "yarrow", "zephyr",
    ]
}
