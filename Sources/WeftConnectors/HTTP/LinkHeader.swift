/// Reads RFC 8288 `Link` headers: `<https://api.example.com/items?page=2>; rel="next", <...>; rel="last"`.
enum LinkHeader {
    /// The target of the first link whose `rel` includes `relation` (case-insensitive), or nil.
    static func target(_ header: String, relation: String) -> String? {
        var rest = Substring(header)
        let wanted = relation.lowercased()
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return nil }
            let target = String(rest[rest.index(after: open)..<close])
            rest = rest[rest.index(after: close)...]
            // The parameters run to the next link: a comma outside quotes.
            var parameters = ""
            var inQuotes = false
            var end = rest.endIndex
            for index in rest.indices {
                let character = rest[index]
                if character == "\"" { inQuotes.toggle() }
                if character == "," && !inQuotes {
                    end = index
                    break
                }
                parameters.append(character)
            }
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            for parameter in parameters.split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingSpaces().lowercased() == "rel" else { continue }
                var value = pair[1].trimmingSpaces()
                if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
                    value = value.dropFirst().dropLast()
                }
                if value.split(separator: " ").contains(where: { $0.lowercased() == wanted }) { return target }
            }
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
