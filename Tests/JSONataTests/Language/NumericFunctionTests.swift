import Testing
import WeftJSON

@testable import JSONata

@Suite("Numeric functions")
struct NumericFunctionTests {
    @Test(
        "$number converts",
        arguments: [
            ("$number('42')", 42),
            ("$number('-12.5')", -12.5),
            ("$number('1e3')", 1000),
            ("$number('0x1F')", 31),
            ("$number('0b101')", 5),
            ("$number('0o17')", 15),
            ("$number(true)", 1),
            ("$number(false)", 0),
            ("$number(7)", 7),
            ("$number(nothing)", nil),
        ] as [(String, JSON?)])
    func number(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("$number rejects what is not a number", arguments: ["$number('abc')", "$number('1 2')", "$number('')"])
    func numberErrors(expression: String) {
        expectError(expression, code: "D3030")
    }

    @Test(
        "rounding and friends",
        arguments: [
            ("$abs(-5)", 5),
            ("$abs(5)", 5),
            ("$floor(-2.5)", -3),
            ("$floor(2.9)", 2),
            ("$ceil(2.1)", 3),
            ("$ceil(-2.1)", -2),
            ("$round(2.5)", 2),
            ("$round(3.5)", 4),
            ("$round(-2.5)", -2),
            ("$round(2.6)", 3),
            ("$round(1.2345, 2)", 1.23),
            ("$round(125, -1)", 120),
            ("$round(135, -1)", 140),
            ("$round(nothing)", nil),
        ] as [(String, JSON?)])
    func rounding(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "powers and roots",
        arguments: [
            ("$power(2, 10)", 1024),
            ("$power(4, 0.5)", 2),
            ("$power(2, -1)", 0.5),
            ("$sqrt(16)", 4),
            ("$sqrt(2) * $sqrt(2) > 1.9999", true),
        ] as [(String, JSON?)])
    func powers(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("domain errors")
    func domainErrors() {
        expectError("$power(-8, 0.5)", code: "D3061")
        expectError("$power(10, 400)", code: "D3061")
        expectError("$sqrt(-1)", code: "D3060")
        expectError("$formatBase(10, 40)", code: "D3100")
        expectError("$abs('x')", code: "T0410")
    }
}
