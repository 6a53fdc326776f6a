import Testing
import WeftJSON

@testable import WeftModel

/// The shapes documentation reads from samples, schemas and expressions, to tell lists from single values.
@Suite("Documentation: value shapes")
struct ValueShapeTests {
    @Test("samples: null tells nothing, arrays are lists of what their elements agree on")
    func samples() {
        let sample: JSON = ["a": [["x": 1], ["x": 2, "y": "b"]], "b": .null, "c": "text", "d": []]
        #expect(
            ValueShape(sample: sample)
                == .object([
                    "a": .list(.object(["x": .scalar, "y": .scalar])), "b": .unknown, "c": .scalar,
                    "d": .list(.unknown),
                ]))
    }

    @Test("schemas: types, nullable types, implied objects and lists, and $refs to the app's schemas")
    func schemas() {
        let definitions: [String: JSON] = [
            "Line": ["type": "object", "properties": ["sku": ["type": "string"]]]
        ]
        let schema: JSON = [
            "properties": [
                "lines": ["type": ["array", "null"], "items": ["$ref": "#/schemas/Line"]],
                "note": ["type": ["string", "number"]],
                "tags": ["items": ["type": "string"]],
                "missing": ["$ref": "#/schemas/Nope"],
            ]
        ]
        #expect(
            ValueShape(schema: schema, definitions: definitions)
                == .object([
                    "lines": .list(.object(["sku": .scalar])), "note": .unknown, "tags": .list(.scalar),
                    "missing": .unknown,
                ]))
    }

    @Test("paths: a field of a list is the list of each element's field, flattened")
    func fields() {
        let shape = ValueShape.list(.object(["lines": .list(.scalar), "id": .scalar]))
        #expect(shape.field("lines") == .list(.scalar))
        #expect(shape.field("id") == .list(.scalar))
        #expect(shape.field("nope") == .list(.unknown))
        #expect(ValueShape.scalar.field("x") == .unknown)
        #expect(shape.element == .object(["lines": .list(.scalar), "id": .scalar]))
    }

    @Test("alternatives keep what both agree on; evidence adds up")
    func combining() {
        #expect(ValueShape.either(.list(.scalar), .object([:])) == .unknown)
        #expect(ValueShape.either(.unknown, .list(.scalar)) == .unknown)
        #expect(
            ValueShape.either(.object(["a": .scalar]), .object(["b": .scalar]))
                == .object(["a": .scalar, "b": .scalar]))
        #expect(ValueShape.combining(.unknown, .list(.scalar)) == .list(.scalar))
        #expect(ValueShape.combining(.list(.scalar), .scalar) == .unknown)
    }

    @Test(
        "expressions: constructors, blocks, conditionals, operators, functions and paths",
        arguments: [
            (
                #"{ "a": 1, "b": [x], "c": x.{ "d": d } }"#,
                ValueShape.object([
                    "a": .scalar, "b": .list(.list(.scalar)), "c": .list(.object(["d": .list(.unknown)])),
                ])
            ),
            ("[$l]", .list(.unknown)),
            ("($l := x; [$l])", .list(.list(.scalar))),
            ("[[1, 2], [3]]", .list(.list(.scalar))),
            ("[1..3]", .list(.scalar)),
            ("flag ? x : []", .list(.list(.scalar))),
            ("flag ? x : 1", .unknown),
            ("flag ? x : $map(x, $f)", .list(.list(.scalar))),
            ("a & b", .scalar),
            ("x.*", .unknown),
            ("$count(x) * 2", .scalar),
            ("$merge([a, b])", .object([:])),
            ("$split(s, \",\")", .list(.scalar)),
            ("x[0]", .list(.scalar)),
            ("x[flag]", .list(.list(.scalar))),
            ("$steps.s.items", .list(.scalar)),
            ("$$.x", .list(.list(.scalar))),
            ("x{ k: v }", .object([:])),
        ])
    func expressions(source: String, expected: ValueShape) throws {
        let list = try #require(TokenList(source))
        let scope = ShapeScope(
            input: .object(["x": .list(.list(.scalar))]),
            variables: ["$steps": .object(["s": .object(["items": .list(.scalar)])])])
        #expect(ShapeReader(list: list, scope: scope).shape == expected, "\(source)")
    }
}
