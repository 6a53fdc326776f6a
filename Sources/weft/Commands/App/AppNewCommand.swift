import ArgumentParser
import Foundation
import WeftModel

/// `weft app new NAME`: a starting manifest that validates, with the common parts written out to edit.
struct AppNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new app manifest, NAME.app.yaml, to start a connector from.",
        discussion: """
            The manifest has a connection with a base URL and a token, bearer authentication, retries on 429 and \
            5xx with Retry-After, and two actions (a paginated list and a create) to adapt. Check it with \
            `weft app validate`, call an action with `weft app test NAME.app.yaml#list_items`.
            """
    )

    @Argument(help: "The app's name: lowercase letters, digits, _ and -, starting with a letter.")
    var name: String

    @Option(help: "The directory to write to.")
    var directory = "."

    @Flag(help: "Replace an existing file.")
    var force = false

    func run() throws {
        guard Identifier.isValid(name) else {
            throw ValidationError("`\(name)` is not a valid app name: use lowercase letters, digits, _ and -")
        }
        let path = (directory as NSString).appendingPathComponent("\(name).app.yaml")
        if FileManager.default.fileExists(atPath: path) && !force {
            standardError("\(path) exists; pass --force to replace it")
            throw ExitCode(2)
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Self.manifest(name: name).write(toFile: path, atomically: true, encoding: .utf8)
            // The schema beside the manifest gives editors completion and checking (the first line names it).
            let schema = (directory as NSString).appendingPathComponent("app.schema.json")
            if !FileManager.default.fileExists(atPath: schema) {
                try (AppManifest.jsonSchema.serialized(indent: 2) + "\n").write(
                    toFile: schema, atomically: true, encoding: .utf8)
            }
        } catch {
            standardError("cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        print("wrote \(path)")
        print("next: edit base_url, auth and the actions, then")
        print("  weft app validate \(path)")
        print("  weft app test \(path)#list_items --connections connections.yaml")
    }

    /// The scaffold's text.
    static func manifest(name: String) -> String {
        let title = name.split(whereSeparator: { $0 == "-" || $0 == "_" }).map {
            $0.prefix(1).uppercased() + $0.dropFirst()
        }
        .joined(separator: " ")
        return """
            # yaml-language-server: $schema=app.schema.json
            weft: 1
            app: \(name)
            name: \(title)
            version: 0.1.0
            description: What \(title) is and what this connector does with it.
            connection:
              fields:
                base_url: { type: string, description: "The API's root URL, such as https://api.example.com/v1" }
                token: { type: string, secret: true, description: An API token }
            auth: { type: bearer, token: "{{ $connection.token }}" }
            base_url: "{{ $connection.base_url }}"
            retry: { on: [429, 500, 502, 503, 504], attempts: 4, respect_retry_after: true }
            actions:
              list_items:
                description: Lists items changed since a time, following the pages.
                method: GET
                path: /items
                query: { updated_since: "{{ since }}" }
                paginate: { type: cursor, next: next_cursor, param: cursor }
                records: items
                output: { $ref: "#/schemas/Item" }
              create_item:
                description: Creates an item.
                method: POST
                path: /items
                body: $
                input: { $ref: "#/schemas/Item" }
            schemas:
              Item:
                type: object
                required: [name]
                properties:
                  id: { type: string }
                  name: { type: string }
                  updated_at: { type: string, format: date-time }

            """
    }
}
