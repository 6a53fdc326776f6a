import WeftJSON

extension Spec where Value == Duration {
    /// A duration: `250ms`, `30s`, `5m`, `2h`, `1d`, combinations such as `1m30s`, or a number of seconds.
    public static var duration: Spec<Duration> {
        Spec(
            schema: { _ in
                [
                    "oneOf": [
                        ["type": "string", "pattern": "^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$"],
                        ["type": "number", "minimum": 0],
                    ]
                ]
            },
            read: { value, reader in
                switch value.kind {
                case .number(let seconds) where seconds >= 0 && seconds <= DurationText.maximumSeconds:
                    return .milliseconds(Int64((seconds * 1000).rounded()))
                case .number(let seconds) where seconds > DurationText.maximumSeconds:
                    reader.error(
                        "out-of-range", "\(value.json.serialized()) seconds is longer than any duration Weft waits",
                        at: value.location, hint: "the longest duration is 100 years")
                    return nil
                case .string(let text, _):
                    if let duration = DurationText.parse(text) { return duration }
                    reader.error(
                        "invalid-duration", "`\(text)` is not a duration", at: value.location,
                        hint: "write a number with a unit, such as `500ms`, `30s`, `5m`, `1h` or `1m30s`")
                    return nil
                default:
                    reader.typeMismatch(expected: "a duration such as `30s`", found: value)
                    return nil
                }
            })
    }
}

/// Durations written as text: `500ms`, `1.5s`, `1m30s`, `2h`, `1d`.
public enum DurationText {
    /// The longest duration accepted: about 100 years.
    public static let maximumSeconds = 3_153_600_000.0

    /// Parses a duration, or nil when the text is not one.
    public static func parse(_ text: String) -> Duration? {
        var total = 0.0
        var number = ""
        var index = text.startIndex
        guard !text.isEmpty else { return nil }
        while index < text.endIndex {
            let character = text[index]
            if character.isASCII && (character.isNumber || character == ".") {
                number.append(character)
                index = text.index(after: index)
                continue
            }
            guard let value = Double(number) else { return nil }
            number = ""
            let rest = text[index...]
            let unit: Double
            if rest.hasPrefix("ms") {
                unit = 0.001
                index = text.index(index, offsetBy: 2)
            } else {
                switch character {
                case "s": unit = 1
                case "m": unit = 60
                case "h": unit = 3600
                case "d": unit = 86400
                default: return nil
                }
                index = text.index(after: index)
            }
            total += value * unit
        }
        guard number.isEmpty, total <= maximumSeconds else { return nil }
        return .milliseconds(Int64((total * 1000).rounded()))
    }

    /// A compact rendering such as `1m30s` or `250ms`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 != 0 { return "\(milliseconds)ms" }
        var remaining = milliseconds / 1000
        var text = ""
        for (unit, size) in [("d", Int64(86400)), ("h", 3600), ("m", 60), ("s", 1)] where remaining >= size {
            text += "\(remaining / size)\(unit)"
            remaining %= size
        }
        return text.isEmpty ? "0s" : text
    }
}
