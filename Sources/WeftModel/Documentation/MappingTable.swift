/// The field mapping of one step: a `map` step's object constructor, or an `action` step's structured input.
public struct MappingTable: Sendable, Equatable {
    /// Which part of the step the table documents.
    public enum Kind: String, Sendable, Equatable {
        /// The expression of a `map` step.
        case map
        /// The `input:` of an `action` step.
        case actionInput = "action input"
        /// The `body:` of an `http` step.
        case httpBody = "request body"
    }

    /// The step's id.
    public var step: String
    public var kind: Kind
    /// The rows, in the order the fields are written.
    public var rows: [FieldMapping]
    /// The whole expression, when it is not an object constructor and so has no rows.
    public var expression: String?

    /// Creates a table.
    public init(step: String, kind: Kind, rows: [FieldMapping], expression: String? = nil) {
        self.step = step
        self.kind = kind
        self.rows = rows
        self.expression = expression
    }
}
