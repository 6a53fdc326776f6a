import Testing
import WeftJSON

@testable import JSONata

@Suite("Boolean functions")
struct BooleanFunctionTests {
    @Test(
        "$boolean",
        arguments: [
            ("$boolean('')", false),
            ("$boolean('a')", true),
            ("$boolean(0)", false),
            ("$boolean(1)", true),
            ("$boolean(-0.5)", true),
            ("$boolean(null)", false),
            ("$boolean([])", false),
            ("$boolean([0])", false),
            ("$boolean([0, 1])", true),
            ("$boolean([0, false, ''])", false),
            ("$boolean({})", false),
            ("$boolean({'a': 0})", true),
            ("$boolean(function(){1})", false),
            ("$boolean(true)", true),
            ("$boolean(nothing)", nil),
        ] as [(String, JSON?)])
    func boolean(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "$not and $exists",
        arguments: [
            ("$not(true)", false),
            ("$not('')", true),
            ("$not([1])", false),
            ("$not(nothing)", nil),
            ("$exists(nothing)", false),
            ("$exists(null)", true),
            ("$exists(0)", true),
            ("$exists(items[9])", false),
            ("$exists(items[0])", true),
        ] as [(String, JSON?)])
    func notAndExists(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }
}
