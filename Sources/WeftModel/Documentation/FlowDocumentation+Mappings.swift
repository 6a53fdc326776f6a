import Collections

extension FlowDocumentation {
    /// The field mapping tables: every `map` step (rows when its expression is an object constructor, the whole
    /// expression otherwise), and every `action` input or `http` body written as a structure or a constructor.
    public var mappingTables: [MappingTable] {
        entries.compactMap { mappingTable(for: $0.step) }
    }

    /// The mapping table of one step, or nil when the step has none. Constants written into fields named like
    /// secrets (`password`, `api_key`, ...) are masked.
    func mappingTable(for step: Step) -> MappingTable? {
        guard var table = unmaskedMappingTable(for: step) else { return nil }
        Self.applySuggestions(step.suggestions, to: &table.rows, explicit: origins(for: step))
        for index in table.rows.indices where table.rows[index].transformation == "constant" {
            let name = table.rows[index].target.split(separator: ".").last.map(String.init) ?? ""
            if SecretMasking.isSecret(name) { table.rows[index].expression = SecretMasking.mask }
        }
        return table
    }

    private func unmaskedMappingTable(for step: Step) -> MappingTable? {
        let origins = self.origins(for: step)
        let scope = shapes.scope(of: step.id)
        switch step.kind {
        case .map(let expression):
            if let rows = MappingReader.rows(expression: expression.source, origins: origins, scope: scope),
                !rows.isEmpty
            {
                return MappingTable(step: step.id, kind: .map, rows: rows)
            }
            return MappingTable(step: step.id, kind: .map, rows: [], expression: Self.oneLine(expression.source))
        case .action:
            return step.input.flatMap { rows(of: $0, origins: origins, scope: scope) }.map {
                MappingTable(step: step.id, kind: .actionInput, rows: $0)
            }
        case .http(let http):
            return http.body.flatMap { rows(of: $0, origins: origins, scope: scope) }.map {
                MappingTable(step: step.id, kind: .httpBody, rows: $0)
            }
        default:
            return nil
        }
    }

    /// Marks the rows whose expression is still the one a recorded suggestion proposed as suggested and accepted;
    /// rows with an origin given to the initializer keep it. Target paths are compared without `[]` (whether a
    /// value is shown as a list depends on what the documentation knows of the apps) and expressions token by
    /// token (spacing, line breaks and comments do not count).
    static func applySuggestions(
        _ suggestions: OrderedDictionary<String, FieldSuggestion>, to rows: inout [FieldMapping],
        explicit: [String: String]
    ) {
        guard !suggestions.isEmpty else { return }
        var byTarget: [String: FieldSuggestion] = [:]
        for (target, suggestion) in suggestions { byTarget[Self.plainPath(target)] = suggestion }
        for index in rows.indices where explicit[rows[index].target] == nil {
            guard let suggestion = byTarget[Self.plainPath(rows[index].target)],
                Self.sameExpression(rows[index].expression, suggestion.expression)
            else { continue }
            rows[index].origin = FieldMapping.suggested(confidence: suggestion.confidence)
        }
    }

    /// A target path without its list markers: `item.items[].rate` is `item.items.rate`.
    static func plainPath(_ path: String) -> String {
        path.replacingOccurrences(of: "[]", with: "")
    }

    /// Whether two expressions are the same tokens.
    static func sameExpression(_ a: String, _ b: String) -> Bool {
        guard let first = TokenList(a), let second = TokenList(b) else { return oneLine(a) == oneLine(b) }
        return first.tokens.elementsEqual(second.tokens) { $0.kind == $1.kind && $0.value == $1.value }
    }

    /// Origins for one step's fields: `step/target` keys override plain `target` keys.
    private func origins(for step: Step) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in origins where !key.contains("/") { result[key] = value }
        let prefix = step.id + "/"
        for (key, value) in origins where key.hasPrefix(prefix) { result[String(key.dropFirst(prefix.count))] = value }
        return result
    }

    /// Rows of a structured value template, or of one expression that is an object constructor; nil otherwise.
    private func rows(of template: ValueTemplate, origins: [String: String], scope: ShapeScope) -> [FieldMapping]? {
        switch template {
        case .expression(let expression):
            return MappingReader.rows(expression: expression.source, origins: origins, scope: scope).flatMap {
                $0.isEmpty ? nil : $0
            }
        case .object, .array:
            let rows = templateRows(template, target: "", origins: origins, scope: scope)
            return rows.isEmpty ? nil : rows
        case .literal:
            return nil
        }
    }

    private func templateRows(
        _ template: ValueTemplate, target: String, origins: [String: String], scope: ShapeScope
    ) -> [FieldMapping] {
        switch template {
        case .object(let members):
            return members.flatMap { member in
                templateRows(
                    member.value, target: target.isEmpty ? member.key : target + "." + member.key, origins: origins,
                    scope: scope)
            }
        case .array(let items):
            return items.enumerated().flatMap { index, item in
                templateRows(item, target: target + "[\(index)]", origins: origins, scope: scope)
            }
        case .literal(let json):
            let name = target.split(separator: ".").last.map(String.init) ?? target
            return [
                FieldMapping(
                    target: target, sources: [], expression: SecretMasking.display(json.serialized(), name: name),
                    transformation: "constant", origin: origins[target] ?? FieldMapping.written)
            ]
        case .expression(let expression):
            return MappingReader.rows(value: expression.source, target: target, origins: origins, scope: scope)
        }
    }

    /// How a row's transformation reads in a table: "copied", or the words followed by the expression.
    static func transformationProse(_ row: FieldMapping) -> Prose {
        if row.isCopy { return "copied" }
        return "\(row.transformation) (\(code: row.expression))"
    }

    func mappingBlocks() -> [DocumentBlock] {
        let tables = mappingTables
        var blocks: [DocumentBlock] = [.heading(level: 2, text: "Field mappings", anchor: "mappings")]
        if tables.isEmpty {
            blocks.append(.paragraph("The flow maps no fields."))
            return blocks
        }
        blocks.append(
            .paragraph(
                "Target fields are dot paths; \(code: "[]") marks each element of a value the flow shows to be a list. Sources are paths in the step's input message unless they start with \(code: "$steps") (an earlier step's output), \(code: "$trigger") or \(code: "$vars"). Origin says who wrote the mapping."
            ))
        for table in tables {
            let what: Prose
            switch table.kind {
            case .map: what = "the output of the map step"
            case .actionInput: what = "the input of the action"
            case .httpBody: what = "the body of the request"
            }
            blocks.append(
                .heading(level: 3, text: "Field mappings: \(code: table.step)", anchor: "mapping-\(table.step)"))
            if table.expression != nil {
                // The expression is shown once, as written, with its step; here it is only pointed to.
                let number = entries.first { $0.step.id == table.step }?.number ?? ""
                blocks.append(
                    .paragraph(
                        "The expression builds \(what) as a whole rather than field by field (it is not a plain object constructor); it is shown in full under \(link: "step \(number)", anchor: "step-\(table.step)") above."
                    ))
                continue
            }
            blocks.append(.paragraph("The fields of \(what) \(code: table.step):"))
            blocks.append(
                .table(
                    header: ["Target field", "Source", "Transformation", "Origin"],
                    rows: table.rows.map { row in
                        [
                            "\(code: row.target)",
                            row.sources.isEmpty
                                ? "—" : Prose.joined(row.sources.map { "\(code: $0)" }, separator: ", "),
                            Self.transformationProse(row),
                            "\(row.origin)",
                        ]
                    }))
        }
        return blocks
    }
}
