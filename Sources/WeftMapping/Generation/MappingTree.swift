/// The target's fields arranged as the generated mapping writes them: objects holding their fields, lists of
/// objects filled element by element from a source list, and at the leaves the suggested expressions; fields
/// the target requires that nothing was suggested for are kept as markers.
struct MappingTree: Sendable {
    /// One suggested field.
    struct Leaf: Sendable {
        /// The field's name in its object.
        var key: String
        /// The suggestion, with the target's full path.
        var suggestion: MappingSuggestion
        /// The JSONata expression filling the field, relative to where it is written.
        var expression: String
        /// Whether the target requires the field.
        var required: Bool
        /// Whether the suggestion is applied (confidence of at least 0.80) or proposed for review.
        var accepted: Bool { suggestion.status == .auto }
    }

    /// A place in the target.
    indirect enum Node: Sendable {
        case leaf(Leaf)
        /// A field the target requires, with nothing suggested for it or inside it.
        case missing(key: String, target: String)
        case object(key: String, children: [Node])
        /// A list of objects: one element per element of `sourceList` (a JSONata path relative to where the list
        /// is written), or a single element built from the record when no source list fills it.
        case list(key: String, sourceList: String?, children: [Node])

        var key: String {
            switch self {
            case .leaf(let leaf): leaf.key
            case .missing(let key, _), .object(let key, _), .list(let key, _, _): key
            }
        }

        /// Whether the node holds an accepted suggestion, so that it is written as live mapping rather than as
        /// comments.
        var isLive: Bool {
            switch self {
            case .leaf(let leaf): leaf.accepted
            case .missing: false
            case .object(_, let children), .list(_, _, let children): children.contains { $0.isLive }
            }
        }

        /// The leaves inside, in order.
        var leaves: [Leaf] {
            switch self {
            case .leaf(let leaf): [leaf]
            case .missing: []
            case .object(_, let children), .list(_, _, let children): children.flatMap(\.leaves)
            }
        }

        /// The targets of the required fields nothing was suggested for.
        var missing: [String] {
            switch self {
            case .leaf: []
            case .missing(_, let target): [target]
            case .object(_, let children), .list(_, _, let children): children.flatMap(\.missing)
            }
        }
    }

    /// The top-level fields of the target.
    var roots: [Node]

    /// Arranges `suggestions` of `source` fields into the fields of `target`.
    init(source: SchemaFields, target: SchemaFields, suggestions: [MappingSuggestion]) {
        let builder = Builder(source: source, target: target, suggestions: suggestions)
        roots = builder.children(ofPath: nil, context: [], parentNeeded: true)
    }

    /// Walks the target's fields.
    private struct Builder {
        let source: SchemaFields
        let target: SchemaFields
        let suggestions: [String: MappingSuggestion]
        /// Fields by their parent's path (nil for the top level), in schema order.
        let children: [String?: [SchemaField]]

        init(source: SchemaFields, target: SchemaFields, suggestions: [MappingSuggestion]) {
            self.source = source
            self.target = target
            self.suggestions = Dictionary(suggestions.map { ($0.target, $0) }) { first, _ in first }
            var children: [String?: [SchemaField]] = [:]
            for field in target.fields {
                let parent =
                    field.names.count > 1
                    ? SchemaField.path(
                        names: Array(field.names.dropLast()), entersArray: Array(field.entersArray.dropLast()))
                    : nil
                children[parent, default: []].append(field)
            }
            self.children = children
        }

        /// The nodes of the fields under `path`; `context` lists the source lists (absolute, `line_items[]`) the
        /// mapping is inside, innermost last.
        func children(ofPath path: String?, context: [SourceList], parentNeeded: Bool) -> [Node] {
            (children[path] ?? []).compactMap { node(for: $0, context: context, parentNeeded: parentNeeded) }
        }

        func node(for field: SchemaField, context: [SourceList], parentNeeded: Bool) -> Node? {
            let needed = parentNeeded && field.isRequired
            if let suggestion = suggestions[field.path], let from = source[suggestion.source] {
                return .leaf(
                    Leaf(
                        key: field.name, suggestion: suggestion,
                        expression: Self.expression(from: from, to: field, context: context), required: needed))
            }
            let nested: [Node]
            var sourceList: SourceList?
            if field.type.isArrayOfObjects {
                sourceList = chooseSourceList(forList: field.path + "[]", context: context)
                nested = children(
                    ofPath: field.path, context: context + (sourceList.map { [$0] } ?? []), parentNeeded: needed)
            } else if field.type.isObject {
                nested = children(ofPath: field.path, context: context, parentNeeded: needed)
            } else {
                nested = []
            }
            if nested.contains(where: { if case .missing = $0 { false } else { true } }) {
                if field.type.isArrayOfObjects {
                    let relative = sourceList.map { Self.relativeListPath($0, context: context) }
                    return .list(key: field.name, sourceList: relative, children: nested)
                }
                return .object(key: field.name, children: nested)
            }
            return needed ? .missing(key: field.name, target: field.path) : nil
        }

        /// The source list whose elements fill the target list `listPath` (`item.items[]`): the one most of the
        /// suggestions for the list's fields read from, inside the current source list.
        func chooseSourceList(forList listPath: String, context: [SourceList]) -> SourceList? {
            var votes: [String: (list: SourceList, count: Int)] = [:]
            for (target, suggestion) in suggestions where target.hasPrefix(listPath + ".") {
                guard let field = source[suggestion.source] else { continue }
                let start = context.last?.names.count ?? 0
                guard context.last.map({ field.names.starts(with: $0.names) }) ?? true else { continue }
                // The first list the source enters below the current one.
                guard
                    let index = field.entersArray.indices.first(where: {
                        $0 >= start && $0 < field.names.count - 1 && field.entersArray[$0]
                    })
                else { continue }
                let list = SourceList(
                    names: Array(field.names[...index]), entersArray: Array(field.entersArray[...index]))
                votes[list.path, default: (list, 0)].count += 1
            }
            return votes.values.max { ($0.count, $1.list.path) < ($1.count, $0.list.path) }?.list
        }

        /// The JSONata path of `list` relative to the innermost list of `context`, with `[]` to keep it a list.
        static func relativeListPath(_ list: SourceList, context: [SourceList]) -> String {
            let start = context.last?.names.count ?? 0
            return steps(names: list.names, entersArray: list.entersArray, from: start, lastKeepsList: true)
        }

        /// The expression reading `from` for the field `to`, written inside `context`: relative to the innermost
        /// source list when the field is in it, from the input's root (`$$`) inside a list otherwise; a list the
        /// path enters but the mapping is not inside gives its first element. Text holding a number becomes a
        /// number, a number going into text becomes text.
        static func expression(from: SchemaField, to: SchemaField, context: [SourceList]) -> String {
            var path: String
            if let inner = context.last, from.names.count > inner.names.count, from.names.starts(with: inner.names),
                Array(from.entersArray.prefix(inner.names.count)) == inner.entersArray
            {
                path = steps(names: from.names, entersArray: from.entersArray, from: inner.names.count)
            } else {
                path = steps(names: from.names, entersArray: from.entersArray, from: 0)
                if !context.isEmpty { path = "$$." + path }
            }
            if to.type.isNumeric, from.type.names == ["string"] { return "$number(\(path))" }
            if to.type.names == ["string"], from.type.isNumeric { return "$string(\(path))" }
            return path
        }

        /// The names from index `start` as JSONata steps; a list entered on the way gives its first element
        /// (`[0]`), or, for the last name when `lastKeepsList`, all its elements as a list (`[]`).
        static func steps(names: [String], entersArray: [Bool], from start: Int, lastKeepsList: Bool = false)
            -> String
        {
            var parts: [String] = []
            for index in names.indices where index >= start {
                var step = FlowYAML.jsonataName(names[index])
                let isLast = index == names.count - 1
                if isLast && lastKeepsList {
                    step += "[]"
                } else if !isLast && entersArray[index] {
                    step += "[0]"
                }
                parts.append(step)
            }
            return parts.joined(separator: ".")
        }
    }

    /// A list in the source that a target list is filled from: the names down to it, the last entering it.
    struct SourceList: Sendable {
        var names: [String]
        var entersArray: [Bool]

        var path: String { SchemaField.path(names: names, entersArray: entersArray) + "[]" }
    }

    /// Every leaf, in order.
    var leaves: [Leaf] { roots.flatMap(\.leaves) }

    /// The required fields nothing was suggested for.
    var missing: [String] { roots.flatMap(\.missing) }
}
