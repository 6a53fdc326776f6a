import Foundation

/// Finds the operation a request path and method are for.
///
/// Paths are matched as written in the document and, when that finds nothing, after removing a base path the
/// document declares (the path of a `servers` URL, variables at their defaults, or Swagger 2.0's `basePath`),
/// so clients configured with the document's server URL reach the same operations. Among several matching
/// paths, the one with the most plain segments wins.
struct MockRouter: Sendable {
    /// What a request path and method lead to.
    enum Route: Equatable {
        /// The operation at `index` of the document's operations, with the path parameters' values.
        case operation(Int, [String: String])
        /// The path is documented, the method is not; `allowed` are the documented ones.
        case methodNotAllowed(path: String, allowed: [String])
        /// No documented path matches.
        case notFound
    }

    private struct Entry: Sendable {
        let template: PathTemplate
        var methods: [(String, Int)]
    }

    private let entries: [Entry]
    /// Base paths that may precede the documented paths (`/v1`), longest first.
    let basePaths: [String]

    init(operations: [OpenAPIOperation], basePaths: [String]) {
        var entries: [Entry] = []
        var byPath: [String: Int] = [:]
        for (index, operation) in operations.enumerated() {
            if let known = byPath[operation.path] {
                entries[known].methods.append((operation.method, index))
            } else {
                byPath[operation.path] = entries.count
                entries.append(Entry(template: PathTemplate(operation.path), methods: [(operation.method, index)]))
            }
        }
        self.entries = entries
        self.basePaths = basePaths.filter { !$0.isEmpty && $0 != "/" }.sorted { $0.count > $1.count }
    }

    func route(method: String, path: String) -> Route {
        let method = method.uppercased()
        var first = resolve(method: method, path: path)
        if case .notFound = first {
            for base in basePaths where path.hasPrefix(base + "/") || path == base {
                first = resolve(method: method, path: String(path.dropFirst(base.count)))
                if first != .notFound { break }
            }
        }
        return first
    }

    private func resolve(method: String, path: String) -> Route {
        let segments = PathTemplate.split(path).map { $0.removingPercentEncoding ?? $0 }
        var matches: [(entry: Entry, values: [String: String])] = []
        for entry in entries {
            if let values = entry.template.match(segments) { matches.append((entry, values)) }
        }
        guard !matches.isEmpty else { return .notFound }
        matches.sort { $0.entry.template.textSegments > $1.entry.template.textSegments }
        for (entry, values) in matches {
            if let index = entry.methods.first(where: { $0.0 == method })?.1 { return .operation(index, values) }
        }
        return .methodNotAllowed(path: matches[0].entry.template.text, allowed: matches[0].entry.methods.map(\.0))
    }
}

extension OpenAPIDocument {
    /// The paths the document's servers put before its operations' paths: `/v1` for
    /// `https://petstore.example/v1` (server variables at their defaults), or Swagger 2.0's `basePath`.
    var basePaths: [String] {
        if let base = root["basePath"]?.stringValue { return [Self.trimmed(base)] }
        var paths: [String] = []
        for server in root["servers"]?.arrayValue ?? [] {
            guard var url = server["url"]?.stringValue else { continue }
            for (name, variable) in server["variables"]?.objectValue ?? [:] {
                url = url.replacingOccurrences(of: "{\(name)}", with: variable["default"]?.stringValue ?? "")
            }
            if let scheme = url.range(of: "://") {
                let rest = url[scheme.upperBound...]
                url = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? ""
            }
            let path = Self.trimmed(url)
            if !path.isEmpty, !paths.contains(path) { paths.append(path) }
        }
        return paths
    }

    private static func trimmed(_ path: String) -> String {
        var path = path
        while path.hasSuffix("/") { path.removeLast() }
        return path.hasPrefix("/") || path.isEmpty ? path : "/" + path
    }
}
