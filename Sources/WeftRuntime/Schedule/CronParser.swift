/// Parses the text of a cron expression into value sets, reporting the first problem with its offset.
struct CronParser {
    /// The values one field holds.
    struct Field {
        var values = CronValueSet()
        /// Whether the field held `L`.
        var lastDay = false
        /// Whether the field starts with `*` or `?`.
        var unrestricted = false
    }

    /// The fields of a parsed expression.
    struct Result {
        var hasSeconds: Bool
        var second: Field
        var minute: Field
        var hour: Field
        var dayOfMonth: Field
        var month: Field
        var dayOfWeek: Field
    }

    private let bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    private static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    func parse() throws(CronError) -> Result {
        let words = splitWords()
        if let first = words.first, bytes[first.lowerBound] == UInt8(ascii: "@") {
            let name = text(first).lowercased()
            guard let expansion = Self.macros[name] else {
                throw CronError(
                    code: .unknownMacro, field: nil,
                    message:
                        "unknown macro '\(text(first))' (expected @yearly, @annually, @monthly, @weekly, @daily, "
                        + "@midnight or @hourly)",
                    offset: first.lowerBound)
            }
            if words.count > 1 {
                throw CronError(
                    code: .fieldCount, field: nil,
                    message: "\(name) stands alone, but '\(text(words[1]))' follows it", offset: words[1].lowerBound)
            }
            return try CronParser(expansion).parse()
        }
        guard words.count == 5 || words.count == 6 else {
            let offset = words.count > 6 ? words[6].lowerBound : (words.last?.upperBound ?? bytes.count)
            let found = words.isEmpty ? "none" : "\(words.count)"
            throw CronError(
                code: .fieldCount, field: nil, message: "expected 5 or 6 fields, found \(found)", offset: offset)
        }
        let hasSeconds = words.count == 6
        let fields: [CronField] = hasSeconds ? CronField.allCases : Array(CronField.allCases.dropFirst())
        var parsed: [CronField: Field] = [:]
        for (field, word) in zip(fields, words) {
            parsed[field] = try parseField(field, word)
        }
        var zeroSecond = Field()
        zeroSecond.values.insert(0)
        return Result(
            hasSeconds: hasSeconds, second: parsed[.second] ?? zeroSecond, minute: parsed[.minute]!,
            hour: parsed[.hour]!, dayOfMonth: parsed[.dayOfMonth]!, month: parsed[.month]!,
            dayOfWeek: parsed[.dayOfWeek]!)
    }

    /// The ranges of the whitespace-separated words of the text.
    private func splitWords() -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        for (index, byte) in bytes.enumerated() {
            let isSpace =
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
            if isSpace {
                if let begin = start { words.append(begin..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let begin = start { words.append(begin..<bytes.count) }
        return words
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private func error(_ code: CronError.Code, _ field: CronField, _ what: String, at offset: Int) -> CronError {
        CronError(code: code, field: field, message: "\(field) field: \(what)", offset: offset)
    }

    private func parseField(_ field: CronField, _ word: Range<Int>) throws(CronError) -> Field {
        var result = Field()
        let first = bytes[word.lowerBound]
        result.unrestricted = first == UInt8(ascii: "*") || first == UInt8(ascii: "?")
        var start = word.lowerBound
        for index in word.lowerBound...word.upperBound
        where index == word.upperBound || bytes[index] == UInt8(ascii: ",") {
            if start == index {
                throw error(.emptyElement, field, "empty element in the list '\(text(word))'", at: start)
            }
            try parseElement(field, start..<index, into: &result)
            start = index + 1
        }
        return result
    }

    private func parseElement(_ field: CronField, _ element: Range<Int>, into result: inout Field) throws(CronError) {
        let slash = bytes[element].firstIndex(of: UInt8(ascii: "/"))
        let base = element.lowerBound..<(slash ?? element.upperBound)
        let baseText = text(base)
        var step: Int?
        if let slash {
            step = try parseStep(field, (slash + 1)..<element.upperBound, element: element)
        }
        let low: Int
        let high: Int
        switch baseText {
        case "*":
            (low, high) = (field.all.lowerBound, field.all.upperBound)
        case "?":
            guard field == .dayOfMonth || field == .dayOfWeek else {
                throw error(
                    .misplacedSymbol, field, "'?' is only allowed in the day-of-month and day-of-week fields",
                    at: base.lowerBound)
            }
            guard step == nil else {
                throw error(.misplacedSymbol, field, "'?' cannot have a step", at: base.lowerBound)
            }
            (low, high) = (field.all.lowerBound, field.all.upperBound)
        case "L", "l":
            guard field == .dayOfMonth else {
                throw error(
                    .misplacedSymbol, field, "'L' is only allowed in the day-of-month field", at: base.lowerBound)
            }
            guard step == nil else {
                throw error(.misplacedSymbol, field, "'L' cannot have a step", at: base.lowerBound)
            }
            result.lastDay = true
            return
        default:
            if base.isEmpty {
                throw error(.invalidValue, field, "'\(text(element))' has no value before '/'", at: base.lowerBound)
            }
            if let dash = bytes[base].firstIndex(of: UInt8(ascii: "-")) {
                let startPart = base.lowerBound..<dash
                let endPart = (dash + 1)..<base.upperBound
                if startPart.isEmpty {
                    throw error(
                        .invalidValue, field, "range '\(baseText)' is missing its start", at: base.lowerBound)
                }
                if endPart.isEmpty {
                    throw error(.invalidValue, field, "range '\(baseText)' is missing its end", at: base.lowerBound)
                }
                low = try parseValue(field, startPart)
                high = try parseValue(field, endPart)
                if low > high {
                    throw error(.backwardsRange, field, "range \(baseText) starts after it ends", at: base.lowerBound)
                }
            } else {
                low = try parseValue(field, base)
                high = step == nil ? low : field.bounds.upperBound
            }
        }
        for value in stride(from: low, through: high, by: step ?? 1) {
            result.values.insert(field == .dayOfWeek && value == 7 ? 0 : value)
        }
    }

    private func parseStep(_ field: CronField, _ range: Range<Int>, element: Range<Int>) throws(CronError) -> Int {
        let span = field.all.count
        guard !range.isEmpty else {
            throw error(.invalidStep, field, "'\(text(element))' is missing its step after '/'", at: range.lowerBound)
        }
        guard let step = decimal(range) else {
            throw error(.invalidStep, field, "step '\(text(range))' is not a number", at: range.lowerBound)
        }
        guard step >= 1 && step <= span else {
            throw error(.invalidStep, field, "step \(text(range)) is out of range 1-\(span)", at: range.lowerBound)
        }
        return step
    }

    private func parseValue(_ field: CronField, _ range: Range<Int>) throws(CronError) -> Int {
        let token = text(range)
        if let number = decimal(range) {
            guard field.bounds.contains(number) else {
                throw error(
                    .outOfRange, field,
                    "\(token) is out of range \(field.bounds.lowerBound)-\(field.bounds.upperBound)",
                    at: range.lowerBound)
            }
            return number
        }
        if let value = field.names[token.uppercased()] {
            return value
        }
        switch field {
        case .month:
            throw error(
                .invalidValue, field, "'\(token)' is not a number or a month name (JAN-DEC)", at: range.lowerBound)
        case .dayOfWeek:
            throw error(
                .invalidValue, field, "'\(token)' is not a number or a weekday name (SUN-SAT)", at: range.lowerBound)
        default:
            throw error(.invalidValue, field, "'\(token)' is not a number", at: range.lowerBound)
        }
    }

    /// The value of an all-digit token; a token too long to be any field's value counts as 1,000,000.
    private func decimal(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, bytes[range].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        var value = 0
        for byte in bytes[range] {
            value = min(value * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000)
        }
        return value
    }
}
