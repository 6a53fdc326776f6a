import Testing
import WeftJSON

@testable import WeftConnectors

@Suite("JSON to CSV")
struct JSONToCSVTests {
    @Test func arrayOfObjectsUsesTheUnionOfKeysInFirstSeenOrder() throws {
        let json: JSON = [["id": 1, "name": "Ada"], ["name": "Alan", "email": "a@x.org"], ["id": 3]]
        #expect(try jsonToCSV(json) == "id,name,email\r\n1,Ada,\r\n,Alan,a@x.org\r\n3,,\r\n")
    }

    @Test func explicitColumns() throws {
        let json: JSON = [["id": 1, "name": "Ada", "secret": "x", "address": ["city": "Oslo"]]]
        let options = JSONToCSV.Options(columns: ["name", "address.city", "missing"])
        #expect(try jsonToCSV(json, options) == "name,address.city,missing\r\nAda,Oslo,\r\n")
    }

    @Test func nestedObjectsAreFlattenedWithDotPaths() throws {
        let json: JSON = [["id": 1, "address": ["city": "Oslo", "geo": ["lat": 59.9]], "meta": [:]]]
        #expect(try jsonToCSV(json) == "id,address.city,address.geo.lat,meta\r\n1,Oslo,59.9,{}\r\n")
        #expect(
            try jsonToCSV(json, .init(pathSeparator: "/"))
                == "id,address/city,address/geo/lat,meta\r\n1,Oslo,59.9,{}\r\n")
    }

    @Test func flatteningCanBeTurnedOff() throws {
        let json: JSON = [["id": 1, "address": ["city": "Oslo"]]]
        #expect(
            try jsonToCSV(json, .init(flattenObjects: false)) == "id,address\r\n1,\"{\"\"city\"\":\"\"Oslo\"\"}\"\r\n")
    }

    @Test func arraysInRowsAreJSONText() throws {
        let json: JSON = [["tags": ["a", "b"], "n": [1]]]
        #expect(try jsonToCSV(json) == "tags,n\r\n\"[\"\"a\"\",\"\"b\"\"]\",[1]\r\n")
    }

    @Test func scalarFormatting() throws {
        let json: JSON = [["i": 1.0, "d": 0.1, "big": 1e21, "t": true, "f": false, "n": nil, "s": "x"]]
        #expect(try jsonToCSV(json) == "i,d,big,t,f,n,s\r\n1,0.1,1e+21,true,false,,x\r\n")
    }

    @Test func quotingOnlyWhenNeeded() throws {
        let json: JSON = [
            ["v": "plain"], ["v": "a,b"], ["v": "say \"hi\""], ["v": "line\nbreak"], ["v": "cr\rhere"],
            ["v": " lead"], ["v": "trail "], ["v": "\ttab"], ["v": "in side"], ["v": "semi;colon"], ["v": ""],
        ]
        let expected =
            "v\r\nplain\r\n\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n\"line\nbreak\"\r\n\"cr\rhere\"\r\n\" lead\"\r\n"
            + "\"trail \"\r\n\"\ttab\"\r\nin side\r\nsemi;colon\r\n\r\n"
        #expect(try jsonToCSV(json) == expected)
    }

    @Test func delimiterLineEndingAndHeaderOptions() throws {
        let json: JSON = [["a": "1;2", "b": "x,y"]]
        #expect(try jsonToCSV(json, .init(delimiter: ";")) == "a;b\r\n\"1;2\";x,y\r\n")
        #expect(try jsonToCSV(json, .init(lineEnding: .lf)) == "a,b\n1;2,\"x,y\"\n")
        #expect(try jsonToCSV(json, .init(includeHeader: false)) == "1;2,\"x,y\"\r\n")
        #expect(try jsonToCSV(json, .init(delimiter: "\t", lineEnding: .lf)) == "a\tb\n1;2\tx,y\n")
    }

    @Test func arrayOfArraysIsWrittenAsIs() throws {
        let json: JSON = [["id", "name"], [1, "Ada, Countess"], [2, nil, true, ["x": 1]]]
        #expect(try jsonToCSV(json) == "id,name\r\n1,\"Ada, Countess\"\r\n2,,true,\"{\"\"x\"\":1}\"\r\n")
        #expect(try jsonToCSV([[1, 2]], .init(columns: ["a", "b"])) == "a,b\r\n1,2\r\n")
    }

    @Test func singleObjectIsOneRow() throws {
        #expect(try jsonToCSV(["id": 1, "name": "Ada"]) == "id,name\r\n1,Ada\r\n")
    }

    @Test func emptyArray() throws {
        #expect(try jsonToCSV([]) == "")
        #expect(try jsonToCSV([], .init(columns: ["a", "b"])) == "a,b\r\n")
        #expect(try jsonToCSV([[:]]) == "\r\n\r\n")
    }

    @Test func flatteningDepthIsLimited() throws {
        var deep: JSON = 1
        for _ in 0..<300 { deep = ["a": deep] }
        #expect(conversionError { try jsonToCSV([deep]) }?.code == .nestingTooDeep)
        var shallow: JSON = 1
        for _ in 0..<255 { shallow = ["a": shallow] }
        let path = Array(repeating: "a", count: 255).joined(separator: ".")
        #expect(try jsonToCSV([shallow]) == "\(path)\r\n1\r\n")
    }

    @Test func unsupportedShapes() {
        #expect(conversionError { try jsonToCSV("text") }?.code == .unsupportedValue)
        #expect(conversionError { try jsonToCSV(nil) }?.message.contains("not null") == true)
        let mixed = conversionError { try jsonToCSV([["a": 1], [1, 2]]) }
        #expect(mixed?.message == "row 2 is an array; every row must be an object like the first row")
        #expect(conversionError { try jsonToCSV([[1], ["a": 1]]) }?.code == .unsupportedValue)
        #expect(
            conversionError { try jsonToCSV([1, 2]) }?.message
                == "row 1 is a number; every row must be an object or an array"
        )
        #expect(conversionError { try jsonToCSV([["a": 1]], .init(delimiter: "\"")) }?.code == .invalidOption)
    }
}
