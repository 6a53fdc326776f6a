import Foundation
import Hummingbird
import Testing
import WeftJSON

/// Signing up, logging in and out, one's own account, and how the API treats malformed requests.
@Suite("Accounts API")
struct AccountAPITests {
    @Test("the server answers /healthz")
    func health() async throws {
        try await PlatformTestServer().test { client in
            let (status, body) = try await client.call(.get, "/healthz")
            #expect(status == .ok && body?["status"] == "ok")
        }
    }

    @Test("sign up, log in, see oneself, log out")
    func signUpAndLogIn() async throws {
        try await PlatformTestServer().test { client in
            let (token, id) = try await client.signUp("Ada@Example.com", name: "Ada")
            let me = try await client.call(.get, "/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.body?["user"]?["email"] == "ada@example.com")
            #expect(me.body?["user"]?["id"]?.stringValue == id)
            #expect(me.body?["user"]?["password_hash"] == nil)

            let login = try await client.call(
                .post, "/v1/auth/login", json: ["email": "ada@example.com", "password": "correct horse battery"])
            #expect(login.status == .ok)
            let second = try #require(login.body?["token"]?["value"]?.stringValue)
            #expect(second != token)

            #expect(try await client.call(.post, "/v1/auth/logout", token: token).status == .noContent)
            let after = try await client.call(.get, "/v1/me", token: token)
            #expect(after.status == .unauthorized)
            #expect(after.body?["error"]?["code"] == "invalid_credentials")
            #expect(try await client.call(.get, "/v1/me", token: second).status == .ok)
        }
    }

    @Test("a wrong password and an unknown email get the same answer")
    func loginFailures() async throws {
        try await PlatformTestServer().test { client in
            _ = try await client.signUp("ada@example.com")
            let wrong = try await client.call(
                .post, "/v1/auth/login", json: ["email": "ada@example.com", "password": "not the password"])
            let unknown = try await client.call(
                .post, "/v1/auth/login", json: ["email": "bob@example.com", "password": "not the password"])
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.body == unknown.body)
        }
    }

    @Test("sign-up refuses a taken email, a short password and unknown fields, each with its code")
    func signUpRefusals() async throws {
        try await PlatformTestServer().test { client in
            _ = try await client.signUp("ada@example.com")
            let taken = try await client.call(
                .post, "/v1/auth/signup", json: ["email": "ADA@example.com", "name": "A", "password": "long enough pw"])
            #expect(taken.status == .conflict && taken.body?["error"]?["code"] == "email_taken")
            let short = try await client.call(
                .post, "/v1/auth/signup", json: ["email": "b@example.com", "name": "B", "password": "short"])
            #expect(short.status == .unprocessableContent && short.body?["error"]?["code"] == "weak_password")
            let extra = try await client.call(
                .post, "/v1/auth/signup",
                json: ["email": "c@example.com", "name": "C", "password": "long enough pw", "admin": true])
            #expect(extra.status == .unprocessableContent && extra.body?["error"]?["code"] == "unknown_field")
            let wrongType = try await client.call(
                .post, "/v1/auth/signup", json: ["email": 42, "name": "C", "password": "long enough pw"])
            #expect(wrongType.status == .unprocessableContent && wrongType.body?["error"]?["code"] == "wrong_type")
        }
    }

    @Test("malformed bodies get 4xx with a clear message, and the server keeps serving")
    func malformedRequests() async throws {
        try await PlatformTestServer().test { client in
            let cases: [(String, HTTPResponse.Status)] = [
                ("{\"email\": ", .badRequest),
                ("[1, 2]", .badRequest),
                (String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000), .badRequest),
                (#"{"name": "\#(String(repeating: "x", count: 2 << 20))"}"#, .contentTooLarge),
            ]
            for (body, expected) in cases {
                let (status, answer) = try await client.call(.post, "/v1/auth/signup", raw: body)
                #expect(status == expected, "\(body.prefix(40)): \(status)")
                #expect(answer?["error"]?["message"]?.stringValue?.isEmpty == false)
            }
            let invalidUTF8 = try await client.client.execute(
                uri: "/v1/auth/signup", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]))
            #expect(invalidUTF8.status == .badRequest)
            #expect(try await client.call(.get, "/healthz").status == .ok)
            let unknownRoute = try await client.call(.get, "/v1/nothing-here")
            #expect(unknownRoute.status == .notFound && unknownRoute.body?["error"]?["code"] == "not_found")
        }
    }

    @Test("without credentials the account endpoints answer 401; a bad token is refused, not ignored")
    func unauthenticated() async throws {
        try await PlatformTestServer().test { client in
            let anonymous = try await client.call(.get, "/v1/me")
            #expect(anonymous.status == .unauthorized && anonymous.body?["error"]?["code"] == "unauthenticated")
            let forged = try await client.call(.get, "/v1/me", token: "ws_forged")
            #expect(forged.status == .unauthorized && forged.body?["error"]?["code"] == "invalid_credentials")
        }
    }

    @Test("deleting one's account removes it: the token stops working and the email can sign up again")
    func deleteAccount() async throws {
        try await PlatformTestServer().test { client in
            let (token, _) = try await client.signUp("ada@example.com")
            #expect(try await client.call(.delete, "/v1/me", token: token).status == .noContent)
            #expect(try await client.call(.get, "/v1/me", token: token).status == .unauthorized)
            let login = try await client.call(
                .post, "/v1/auth/login", json: ["email": "ada@example.com", "password": "correct horse battery"])
            #expect(login.status == .unauthorized)
            _ = try await client.signUp("ada@example.com")
        }
    }
}
