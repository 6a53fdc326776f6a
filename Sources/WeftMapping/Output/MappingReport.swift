import WeftJSON
import WeftModel

/// Suggestions as the command line prints them: JSON, YAML or an aligned table.
public struct MappingReport: Sendable {
    /// The suggestions, sorted by target.
    public var suggestions: [MappingSuggestion]

    /// A report of `suggestions`.
    public init(_ suggestions: [MappingSuggestion]) {
        self.suggestions = suggestions.sorted { $0.target < $1.target }
    }

    /// `{"suggestions": [{"source", "target", "confidence", "reasons"}]}`.
    public var json: JSON {
        let list: [JSON] = suggestions.map { suggestion in
            .object([
                "source": .string(suggestion.source), "target": .string(suggestion.target),
                "confidence": .number(suggestion.confidence),
                "reasons": .array(suggestion.reasons.map { .string($0) }),
            ])
        }
        return .object(["suggestions": .array(list)])
    }

    /// The JSON text, indented.
    public var jsonText: String { json.serialized(indent: 2) + "\n" }

    /// The same data as YAML.
    public var yamlText: String { YAMLWriter().string(from: json) }

    /// An aligned table for people: target, source, confidence, status (auto or review) and reasons.
    public var table: String {
        let header = ["TARGET", "SOURCE", "CONFIDENCE", "STATUS", "REASONS"]
        let rows = suggestions.map { suggestion in
            [
                suggestion.target, suggestion.source, Self.format(suggestion.confidence),
                suggestion.status.rawValue, suggestion.reasons.joined(separator: "; "),
            ]
        }
        let widths = (0..<header.count - 1).map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (column, cell) in cells.enumerated() {
                if column < widths.count {
                    text += cell + String(repeating: " ", count: widths[column] - cell.count + 2)
                } else {
                    text += cell
                }
            }
            return text
        }
        var output = ([header] + rows).map(line).joined(separator: "\n") + "\n"
        let automatic = suggestions.filter { $0.status == .auto }.count
        output +=
            "\(suggestions.count) suggestion\(suggestions.count == 1 ? "" : "s"): \(automatic) applied automatically "
            + "(confidence ≥ \(Self.format(SuggestionStatus.automaticThreshold))), "
            + "\(suggestions.count - automatic) for review\n"
        return output
    }

    /// `0.9` as `0.90`.
    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
