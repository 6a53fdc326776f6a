import Foundation
import Testing
import WeftJSON
import WeftTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `weft serve` as a newcomer starts it: an empty data directory, the way in printed, /healthz answering, a
/// clean stop; and `weft keys rotate` on the data it left.
@Suite("weft serve")
struct ServeServerCLITests {
    @Test("a first start prints how to get in, serves /healthz and stops on SIGINT; keys rotate afterwards")
    func firstStart() async throws {
        let workspace = try TemporaryWorkspace()
        let process = try WeftProcess(["serve", "--port", "0", "--data", "data"], directory: workspace.root)
        let line = await process.waitForLine(containing: "weft is serving on")
        let address = line?.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init)
        try #require(address != nil, "\(process.standardOutput)\n\(process.standardError)")
        #expect(await process.waitForLine(containing: "/v1/auth/signup") != nil, "no sign-up instructions")
        let (data, response) = try await URLSession.shared.data(from: URL(string: address! + "/healthz")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(try JSONParser().parse([UInt8](data))["status"] == "ok")

        var signUp = URLRequest(url: URL(string: address! + "/v1/auth/signup")!)
        signUp.httpMethod = "POST"
        signUp.httpBody = Data(#"{"email":"ada@example.com","name":"Ada","password":"a long passphrase"}"#.utf8)
        let (_, created) = try await URLSession.shared.data(for: signUp)
        #expect((created as? HTTPURLResponse)?.statusCode == 201)

        process.interrupt()
        let result = await process.wait()
        #expect(result.status == 0, "\(result)")
        #expect(workspace.exists("data/weft.sqlite") && workspace.exists("data/master.key"))
        let mode = try FileManager.default.attributesOfItem(atPath: workspace.path("data/master.key"))[
            .posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o600)

        let before = try String(contentsOfFile: workspace.path("data/master.key"), encoding: .utf8)
        let rotated = try await weft("keys", "rotate", "--data", "data", in: workspace)
        #expect(rotated.status == 0, "\(rotated)")
        #expect(rotated.standardOutput.contains("rotated: 0 data keys rewrapped"))
        #expect(try String(contentsOfFile: workspace.path("data/master.key"), encoding: .utf8) != before)
        #expect(!workspace.exists("data/master.key.new"))
    }
}
