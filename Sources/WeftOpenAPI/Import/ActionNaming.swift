/// Action and field names: snake_case identifiers made from operation ids, or from a method and a path.
enum ActionNaming {
    /// `text` in snake_case: words split at non-alphanumerics, at lower-to-upper case changes and before the
    /// last capital of an acronym (`getHTTPServer` → `get_http_server`, `repos/get-content` →
    /// `repos_get_content`), lowercased; a name that would not start with a letter gets an `op_` prefix.
    static func snakeCase(_ text: String) -> String {
        var words: [String] = []
        var word = ""
        let scalars = Array(text.unicodeScalars)
        func flush() {
            if !word.isEmpty { words.append(word.lowercased()) }
            word = ""
        }
        for (index, scalar) in scalars.enumerated() {
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) else {
                flush()
                continue
            }
            if scalar.properties.isUppercase, let previous = word.unicodeScalars.last {
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                let nextIsLower = next.map { $0.properties.isLowercase } ?? false
                if previous.properties.isLowercase || ("0"..."9").contains(previous)
                    || (previous.properties.isUppercase && nextIsLower)
                {
                    flush()
                }
            }
            word.unicodeScalars.append(scalar)
        }
        flush()
        let name = words.joined(separator: "_")
        guard let first = name.unicodeScalars.first else { return "" }
        return first.properties.isAlphabetic ? name : "op_" + name
    }

    /// A name for an operation without an id: the method and the path's segments, path parameters as
    /// `by_<name>` (`GET /pets/{petId}` → `get_pets_by_pet_id`).
    static func fromMethodAndPath(_ method: String, _ path: String) -> String {
        var parts = [method.lowercased()]
        for segment in path.split(separator: "/") {
            if segment.hasPrefix("{") && segment.hasSuffix("}") {
                parts.append("by_" + snakeCase(String(segment.dropFirst().dropLast())))
            } else {
                parts.append(snakeCase(String(segment)))
            }
        }
        return snakeCase(parts.filter { !$0.isEmpty }.joined(separator: "_"))
    }

    /// `name`, or `name_2`, `name_3`… — the first that is not in `taken`.
    static func unique(_ name: String, in taken: Set<String>) -> String {
        guard taken.contains(name) else { return name }
        var counter = 2
        while taken.contains("\(name)_\(counter)") { counter += 1 }
        return "\(name)_\(counter)"
    }

    /// A JSONata expression that reads the member `name` of the input: the bare name when it is an identifier
    /// JSONata reads as a field, otherwise the name in backticks.
    static func inputExpression(_ name: String) -> String {
        isPlainField(name) ? name : "`\(name)`"
    }

    private static let reservedWords: Set<String> = ["and", "or", "in", "true", "false", "null", "function"]

    private static func isPlainField(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII,
            first.properties.isAlphabetic || first == "_", !reservedWords.contains(name)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
        }
    }

    /// A connection field name: snake_case of `text`, or `field` when nothing is left.
    static func fieldName(_ text: String) -> String {
        let name = snakeCase(text)
        return name.isEmpty ? "field" : name
    }
}
