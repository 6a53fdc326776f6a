/// A record of one mapping suggestion a generator made for a step's field (`weft generate` writes them under a
/// step's `suggestions:`): the expression it proposed and how sure it was.
///
/// The record is documentation, not behaviour: the step runs the same with or without it. `weft docs` shows a
/// field as suggested and accepted while the field's expression is still the recorded one, and as written by hand
/// once the expression differs, so that the record stays honest when the mapping is edited.
///
/// ```yaml
/// suggestions:
///   memo: { expression: note, confidence: 0.99 }
///   item.items[].rate: { expression: $number(price), confidence: 0.46 }
/// ```
public struct FieldSuggestion: Sendable, Hashable {
    /// The JSONata expression the suggestion proposed for the field, as written in the mapping.
    public var expression = ""
    /// How sure the suggester was, from 0 to 1.
    public var confidence = 0.0

    /// A record from its parts.
    public init(expression: String, confidence: Double) {
        self.expression = expression
        self.confidence = confidence
    }

    private init() {}

    /// The spec of one record.
    static var spec: Spec<FieldSuggestion> {
        ObjectSpec(
            "FieldSuggestion",
            description: "A mapping suggestion made for this field: the proposed expression and its confidence.",
            initial: FieldSuggestion.init,
            fields: [
                .field(
                    "expression", \.expression, .string(), required: true,
                    "The expression suggested for the field, as it was written in the mapping."),
                .field(
                    "confidence", \.confidence, .number, required: true,
                    "How sure the suggester was, from 0 to 1."),
            ],
            check: { suggestion, value, reader in
                if !(0...1).contains(suggestion.confidence) {
                    reader.error(
                        "out-of-range", "a confidence is between 0 and 1, found \(suggestion.confidence)",
                        at: value["confidence"]?.location ?? value.location)
                }
            }
        ).spec
    }
}
