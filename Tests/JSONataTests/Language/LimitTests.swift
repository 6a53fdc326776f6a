import Testing
import WeftJSON

@testable import JSONata

@Suite("Resource limits", .timeLimit(.minutes(1)))
struct LimitTests {
    static let recursionBomb = "( $f := function($n){ $n + $f($n+1) }; $f(0) )"

    @Test("unbounded recursion hits the depth limit")
    func recursionDefault() {
        expectError(Self.recursionBomb, code: "U1001")
    }

    @Test("a lower maxDepth stops it sooner")
    func recursionMaxDepth() throws {
        expectError(Self.recursionBomb, code: "U1001", options: EvaluationOptions(maxDepth: 50))
        // A shallow, non-tail recursion of depth 10 still fits.
        #expect(
            try evaluate(
                "($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(5))", options: EvaluationOptions(maxDepth: 50))
                == 5)
    }

    @Test("an infinite tail-recursive loop hits the time limit")
    func timeLimit() {
        // Without the time limit this loop never ends; the error shows the limit stopped it.
        expectError(
            "( $loop := function($n){ $loop($n + 1) }; $loop(0) )", code: "U1001",
            options: EvaluationOptions(timeLimit: .milliseconds(200)))
    }

    @Test("a huge range is refused")
    func hugeRange() {
        expectError("[1..100000000]", code: "D2014")
        expectError("$count([1..100000000])", code: "D2014")
    }

    @Test("a large range beyond the output budget")
    func outputBudgetRange() throws {
        expectError("[1..5000000]", code: "U1002", options: EvaluationOptions(maxOutputSize: 1000))
        #expect(try evaluate("$count([1..1000])", options: EvaluationOptions(maxOutputSize: 1000)) == 1000)
    }

    @Test("catastrophic backtracking ends with an error")
    func catastrophicRegex() {
        // Exponential without the step budget; the budget error shows the search was cut short.
        expectError(#"$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)"#, code: "U1003")
    }

    @Test("string doubling exceeds the output budget")
    func stringDoubling() {
        let doubling = #"$reduce([1..40], function($acc, $v){ $acc & $acc }, "ab")"#
        expectError(doubling, code: "U1002", options: EvaluationOptions(maxOutputSize: 1 << 20))
        expectError(doubling, code: "U1002", options: EvaluationOptions(maxOutputSize: 1000))
        // $reduce needs a function of at least two parameters.
        expectError(#"$reduce([1..40], function($acc){ $acc & $acc }, "ab")"#, code: "D3050")
    }

    @Test("results within the limits are unaffected")
    func withinLimits() throws {
        let options = EvaluationOptions(maxDepth: 200, timeLimit: .seconds(5), maxOutputSize: 10_000)
        #expect(
            try evaluate(#"$reduce([1..5], function($acc, $v){ $acc & $acc }, "ab") ~> $length"#, options: options)
                == 64)
    }
}
