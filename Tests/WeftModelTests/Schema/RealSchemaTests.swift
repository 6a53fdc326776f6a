import Foundation
import Testing
import WeftJSON

@testable import WeftModel

/// Real-world schemas read at test time from the shared OpenAPI corpus (`../shared/data/openapi`), which is not
/// part of the repository; the tests are skipped when it is missing.
@Suite("JSON Schema: real OpenAPI schemas")
struct RealSchemaTests {
    /// The GitHub REST API description, parsed once.
    static let github: JSON? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/data/openapi/github-api.github.com.json")
            if let data = FileManager.default.contents(atPath: candidate.path) {
                return try? JSONParser().parse(Array(data))
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    static var githubSchemas: JSON? { github?["components"]?["schemas"] }

    private static func user(_ login: String, id: Int) -> JSON {
        let base = "https://api.github.com/users/\(login)"
        return [
            "login": .string(login), "id": .number(Double(id)), "node_id": "MDQ6VXNlcjE=",
            "avatar_url": "https://github.com/images/error/octocat_happy.gif", "gravatar_id": nil,
            "url": .string(base), "html_url": .string("https://github.com/\(login)"),
            "followers_url": .string(base + "/followers"), "following_url": .string(base + "/following{/other_user}"),
            "gists_url": .string(base + "/gists{/gist_id}"), "starred_url": .string(base + "/starred{/owner}{/repo}"),
            "subscriptions_url": .string(base + "/subscriptions"), "organizations_url": .string(base + "/orgs"),
            "repos_url": .string(base + "/repos"), "events_url": .string(base + "/events{/privacy}"),
            "received_events_url": .string(base + "/received_events"), "type": "User", "site_admin": false,
        ]
    }

    private static let issue: JSON = [
        "id": 1, "node_id": "MDU6SXNzdWUx", "url": "https://api.github.com/repos/octocat/Hello-World/issues/1347",
        "repository_url": "https://api.github.com/repos/octocat/Hello-World",
        "labels_url": "https://api.github.com/repos/octocat/Hello-World/issues/1347/labels{/name}",
        "comments_url": "https://api.github.com/repos/octocat/Hello-World/issues/1347/comments",
        "events_url": "https://api.github.com/repos/octocat/Hello-World/issues/1347/events",
        "html_url": "https://github.com/octocat/Hello-World/issues/1347", "number": 1347, "state": "open",
        "title": "Found a bug", "body": "I'm having a problem with this.", "user": user("octocat", id: 1),
        "labels": [
            "bug",
            [
                "id": 208_045_946, "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=", "name": "bug", "description": nil,
                "color": "f29513", "default": true,
                "url": "https://api.github.com/repos/octocat/Hello-World/labels/bug",
            ],
        ],
        "assignee": nil, "assignees": [user("hubot", id: 2)], "milestone": nil, "locked": false,
        "active_lock_reason": nil, "comments": 0, "closed_at": nil, "created_at": "2011-04-22T13:33:48Z",
        "updated_at": "2011-04-22T13:33:48Z", "author_association": "COLLABORATOR",
    ]

    private static func issueValidator() throws -> JSONSchemaValidator {
        let schemas = try #require(githubSchemas)
        let issue = try #require(schemas["issue"])
        return JSONSchemaValidator(schema: issue, definitions: schemas)
    }

    @Test(.enabled(if: github != nil, "../shared/data/openapi/github-api.github.com.json is not available"))
    func githubIssueConforms() throws {
        let validator = try Self.issueValidator()
        #expect(validator.unresolvedReferences.isEmpty)
        #expect(validator.validate(Self.issue) == [])
    }

    @Test(.enabled(if: github != nil, "../shared/data/openapi/github-api.github.com.json is not available"))
    func githubIssueViolations() throws {
        let validator = try Self.issueValidator()
        var issue = Self.issue.objectValue!
        issue["number"] = "1347"
        issue["created_at"] = "yesterday"
        issue["html_url"] = "not a url"
        issue["state"] = nil
        issue["labels"] = ["bug", ["id": 1.5]]
        var user = Self.user("octocat", id: 1).objectValue!
        user["site_admin"] = nil
        user["avatar_url"] = 3
        issue["user"] = .object(user)
        #expect(
            validator.validate(.object(issue)).map(\.description) == [
                "missing required property `state`",
                "/html_url: expected an absolute URI, found `not a url`",
                "/number: expected an integer, found a string",
                "/user: missing required property `site_admin`",
                "/user/avatar_url: expected a string, found a number",
                "/labels/1/id: expected an integer, found 1.5",
                "/created_at: expected a date-time (RFC 3339, like 2024-05-01T12:00:00Z), found `yesterday`",
            ])
    }

    @Test(.enabled(if: github != nil, "../shared/data/openapi/github-api.github.com.json is not available"))
    func everyGithubSchemaCompiles() throws {
        let schemas = try #require(Self.githubSchemas?.objectValue)
        var unresolved = 0
        for (_, schema) in schemas {
            let validator = JSONSchemaValidator(schema: schema, definitions: .object(schemas))
            unresolved += validator.unresolvedReferences.count
            // Nothing reports more than the cap, and an empty object is checked without trouble.
            #expect(validator.validate([:]).count <= JSONSchemaValidator.maximumViolations)
        }
        #expect(schemas.count > 100)
        #expect(unresolved == 0)
    }
}
