import Testing
import WeftJSON

@testable import JSONata

@Suite("Concurrency, host functions and seeded randomness")
struct ConcurrencyTests {
    @Test("one compiled expression evaluated from 8 tasks gives each its own result")
    func sharedExpression() async throws {
        let expression = try JSONataExpression("{'id': id, 'total': $sum(values), 'names': values.('n' & $)}")
        let results = try await withThrowingTaskGroup(of: (Int, JSON?).self) { group in
            for id in 1...8 {
                group.addTask {
                    let values = JSON.array((1...id).map { .number(Double($0)) })
                    var last: JSON?
                    for _ in 0..<50 {
                        last = try expression.evaluate(["id": .number(Double(id)), "values": values])
                    }
                    return (id, last)
                }
            }
            var results: [Int: JSON?] = [:]
            for try await (id, result) in group { results[id] = result }
            return results
        }
        #expect(results.count == 8)
        for id in 1...8 {
            let names: JSON =
                id == 1 ? "n1" : .array((1...id).map { .string("n\($0)") })
            let expected: JSON = [
                "id": .number(Double(id)), "total": .number(Double(id * (id + 1) / 2)), "names": names,
            ]
            #expect(results[id] == expected)
        }
    }

    @Test("a host function is callable and validated by its signature")
    func hostFunction() throws {
        let greet = try JSONataFunction(name: "greet", signature: "<s:s>") { arguments in
            .string("hi " + (arguments.first??.stringValue ?? "?"))
        }
        let expression = try JSONataExpression("$greet(name)", functions: [greet])
        #expect(try expression.evaluate(["name": "ada"]) == "hi ada")
        let mapped = try JSONataExpression("$map(['a', 'b'], $greet)", functions: [greet])
        #expect(try mapped.evaluate(nil) == ["hi a", "hi b"])
        let wrongType = try JSONataExpression("$greet(1)", functions: [greet])
        #expect(throws: JSONataError.self) { try wrongType.evaluate(nil) }
        do {
            _ = try wrongType.evaluate(nil)
        } catch {
            #expect(error.code == "T0410")
        }
    }

    @Test("a host function's errors propagate")
    func hostFunctionError() throws {
        let fail = try JSONataFunction(name: "fail") { _ throws(JSONataError) in
            throw JSONataError(code: "X0001", message: "host failure")
        }
        let expression = try JSONataExpression("[1, 2].$fail($)", functions: [fail])
        do {
            _ = try expression.evaluate(nil)
            Issue.record("expected the host error")
        } catch {
            #expect(error.code == "X0001")
            #expect(error.message == "host failure")
        }
    }

    @Test("a host function receives undefined arguments as nil and may return undefined")
    func hostFunctionUndefined() throws {
        let probe = try JSONataFunction(name: "probe") { arguments in
            arguments.first.flatMap { $0 } == nil ? "undefined" : nil
        }
        let expression = try JSONataExpression("[$probe(nothing), $probe(1)]", functions: [probe])
        #expect(try expression.evaluate(nil) == ["undefined"])
    }

    @Test("randomSeed makes $random and $shuffle deterministic")
    func seededRandom() throws {
        let expression = try JSONataExpression("{'r': [$random(), $random(), $random()], 's': $shuffle([1..20])}")
        let seeded = EvaluationOptions(randomSeed: 42)
        let first = try #require(try expression.evaluate(nil, options: seeded))
        let second = try #require(try expression.evaluate(nil, options: seeded))
        #expect(first == second)
        let randoms = try #require(first["r"]?.arrayValue)
        #expect(randoms.count == 3)
        for value in randoms {
            let number = try #require(value.numberValue)
            #expect(number >= 0 && number < 1)
        }
        #expect(Set(randoms).count == 3)
        let shuffled = try #require(first["s"]?.arrayValue)
        #expect(
            shuffled.sorted { ($0.numberValue ?? 0) < ($1.numberValue ?? 0) } == (1...20).map { .number(Double($0)) })
        let other = try expression.evaluate(nil, options: EvaluationOptions(randomSeed: 7))
        #expect(other != first)
    }
}
