import Foundation
import Logging
import Synchronization
import Testing
import WeftServer

/// The JSON log lines of the server.
@Suite("JSON log handler")
struct JSONLogHandlerTests {
    /// Keeps the lines a handler writes.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])

        var all: [String] { lines.withLock { $0 } }

        func logger(
            label: String = "weft.test", level: Logger.Level? = nil, provider: Logger.MetadataProvider? = nil
        ) -> Logger {
            Logger(label: label) { label in
                var handler = JSONLogHandler(label: label, metadataProvider: provider) { line in
                    self.lines.withLock { $0.append(line) }
                }
                if let level { handler.logLevel = level }
                return handler
            }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "connector said no" }
    }

    static func object(_ line: String) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(parsed as? [String: Any])
    }

    @Test("a line is one JSON object with time, level, message and logger")
    func fixedFields() throws {
        let lines = Lines()
        let before = Date()
        lines.logger(label: "weft.worker").notice("run finished")
        let after = Date()

        let line = try #require(lines.all.first)
        #expect(lines.all.count == 1)
        #expect(!line.contains("\n"))
        let object = try Self.object(line)
        #expect(object.count == 4)
        #expect(object["level"] as? String == "notice")
        #expect(object["message"] as? String == "run finished")
        #expect(object["logger"] as? String == "weft.worker")

        let time = try #require(object["time"] as? String)
        #expect(time.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(time)")
        let parsed = try Date(time, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        #expect(parsed >= before.addingTimeInterval(-0.001) && parsed <= after.addingTimeInterval(0.001))
        #expect(line.hasPrefix("{\"time\":\"\(time)\",\"level\":\"notice\",\"message\":\"run finished\",\"logger\":"))
    }

    @Test("metadata becomes JSON strings, arrays and objects, with keys sorted after the fixed fields")
    func metadataTypes() throws {
        let lines = Lines()
        lines.logger().info(
            "typed",
            metadata: [
                "zeta": "last",
                "count": .stringConvertible(42),
                "ids": ["r_1", "r_2", ["nested": "yes"]],
                "flow": ["id": "f_1", "version": .stringConvertible(3), "tags": ["a"]],
                "alpha": "first",
            ])
        let line = try #require(lines.all.first)
        let object = try Self.object(line)
        #expect(object["zeta"] as? String == "last")
        #expect(object["alpha"] as? String == "first")
        #expect(object["count"] as? String == "42")
        let ids = try #require(object["ids"] as? [Any])
        #expect(ids.count == 3)
        #expect(ids[0] as? String == "r_1")
        #expect((ids[2] as? [String: Any])?["nested"] as? String == "yes")
        let flow = try #require(object["flow"] as? [String: Any])
        #expect(flow["id"] as? String == "f_1")
        #expect(flow["version"] as? String == "3")
        #expect(flow["tags"] as? [String] == ["a"])

        let order = [
            "\"time\":", "\"level\":", "\"message\":", "\"logger\":", "\"alpha\":", "\"count\":", "\"flow\":",
            "\"ids\":", "\"zeta\":",
        ].map { line.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(zip(order, order.dropFirst()).allSatisfy { $0! < $1! })
        #expect(line.contains("{\"id\":\"f_1\",\"tags\":[\"a\"],\"version\":\"3\"}"))
    }

    @Test("call metadata overrides the provider's, which overrides the handler's; errors are recorded")
    func metadataPrecedence() throws {
        let lines = Lines()
        let provider = Logger.MetadataProvider { ["run": "from-provider", "tenant": "t_1"] }
        var logger = lines.logger(provider: provider)
        logger[metadataKey: "run"] = "from-handler"
        logger[metadataKey: "service"] = "weft"

        logger.info("first")
        logger.warning("second", metadata: ["run": "from-call"])
        logger.error("third", error: Failure())

        let objects = try lines.all.map(Self.object)
        #expect(objects.count == 3)
        #expect(objects[0]["run"] as? String == "from-provider")
        #expect(objects[0]["tenant"] as? String == "t_1")
        #expect(objects[0]["service"] as? String == "weft")
        #expect(objects[1]["run"] as? String == "from-call")
        #expect(objects[1]["level"] as? String == "warning")
        #expect(objects[2]["error.message"] as? String == "connector said no")
        #expect((objects[2]["error.type"] as? String)?.hasSuffix("Failure") == true)
    }

    @Test("metadata named like a fixed field does not replace it")
    func fixedFieldCollision() throws {
        let lines = Lines()
        lines.logger().info("real message", metadata: ["message": "shadow", "level": "shadow"])
        let line = try #require(lines.all.first)
        let object = try Self.object(line)
        #expect(object["message"] as? String == "real message")
        #expect(object["level"] as? String == "info")
        #expect(object["metadata.message"] as? String == "shadow")
        #expect(object["metadata.level"] as? String == "shadow")
        #expect(line.components(separatedBy: "\"message\":").count == 2)
    }

    @Test("quotes, backslashes and control characters are escaped and read back unchanged")
    func escaping() throws {
        let lines = Lines()
        let tricky = "say \"hi\" \\ path\nline\r\ttab \u{01}\u{1B}\u{1F} é ✓ 😀 \u{7F}"
        lines.logger().info("\(tricky)", metadata: ["key \"quoted\"\n": "\(tricky)", "list": ["\u{00}"]])
        let line = try #require(lines.all.first)
        #expect(!line.contains("\n") && !line.contains("\r") && !line.contains("\t"))
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
        #expect(line.contains("\\u0001\\u001b\\u001f"))
        #expect(line.contains("[\"\\u0000\"]"))
        #expect(line.contains("say \\\"hi\\\" \\\\ path\\nline\\r\\ttab"))
        let object = try Self.object(line)
        #expect(object["message"] as? String == tricky)
        #expect(object["key \"quoted\"\n"] as? String == tricky)
        #expect(object["list"] as? [String] == ["\u{00}"])
    }

    @Test("the level defaults to info and can be lowered")
    func levels() throws {
        let lines = Lines()
        let logger = lines.logger()
        #expect(logger.logLevel == .info)
        logger.debug("hidden")
        logger.trace("hidden")
        logger.info("shown")
        #expect(try lines.all.map { try Self.object($0)["message"] as? String } == ["shown"])

        lines.logger(level: .trace).trace("now shown")
        #expect(try lines.all.map { try Self.object($0)["level"] as? String } == ["info", "trace"])
        #expect(JSONLogHandler(label: "x").logLevel == .info)
    }

    @Test("concurrent lines through a file descriptor sink never interleave, even past a pipe's capacity")
    func concurrentLinesAreWhole() async throws {
        // Plain threads, not tasks: a blocked pipe write must not starve the other writers or the reader.
        let pipe = Pipe()
        let received = Mutex(Data())
        let done = DispatchGroup()
        done.enter()
        Thread.detachNewThread {
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            received.withLock { $0 = data }
            done.leave()
        }
        let sink = JSONLogHandler.fileDescriptorSink(pipe.fileHandleForWriting.fileDescriptor)
        let padding = String(repeating: "x", count: 100_000)  // more than a pipe holds (64 KiB)
        let writers = DispatchGroup()
        for thread in 0..<8 {
            writers.enter()
            Thread.detachNewThread {
                let logger = Logger(label: "weft.concurrent") { JSONLogHandler(label: $0, sink: sink) }
                for index in 0..<10 {
                    logger.info("\(padding)", metadata: ["thread": "\(thread)", "index": "\(index)"])
                }
                writers.leave()
            }
        }
        await withCheckedContinuation { continuation in
            writers.notify(queue: .global()) { continuation.resume() }
        }
        try pipe.fileHandleForWriting.close()
        await withCheckedContinuation { continuation in
            done.notify(queue: .global()) { continuation.resume() }
        }

        let text = String(decoding: received.withLock { $0 }, as: UTF8.self)
        #expect(text.hasSuffix("\n"))
        let written = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(written.count == 8 * 10)
        var seen = Set<String>()
        for line in written {
            let object = try Self.object(String(line))
            #expect(object["message"] as? String == padding)
            seen.insert("\(object["thread"] as? String ?? "?")/\(object["index"] as? String ?? "?")")
        }
        #expect(seen.count == 8 * 10)
    }

    @Test("the logging set-up picks the handler for the format and applies the level")
    func handlerForFormat() {
        let json = WeftLogging.makeHandler(format: .json, level: .debug, label: "weft")
        #expect(json is JSONLogHandler)
        #expect(json.logLevel == .debug)
        let text = WeftLogging.makeHandler(format: .text, level: .warning, label: "weft")
        #expect(text is StreamLogHandler)
        #expect(text.logLevel == .warning)
        #expect(LogFormat(rawValue: "json") == .json)
        #expect(LogFormat(rawValue: "text") == .text)
    }
}
