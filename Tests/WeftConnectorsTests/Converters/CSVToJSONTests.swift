import Testing
import WeftJSON

@testable import WeftConnectors

@Suite("CSV to JSON: reading")
struct CSVToJSONReadingTests {
    @Test func headerRowKeysObjects() throws {
        #expect(
            try csvToJSON("name,age\nAda,36\nAlan,41\n") == [
                ["name": "Ada", "age": "36"], ["name": "Alan", "age": "41"],
            ])
    }

    @Test func withoutHeaderRowsAreArrays() throws {
        #expect(try csvToJSON("a,b\n1,2", .init(hasHeader: false)) == [["a", "b"], ["1", "2"]])
    }

    @Test func quotedFields() throws {
        let csv = "id,text\r\n1,\"Hello, world\"\r\n2,\"She said \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n4,\"\"\r\n"
        #expect(
            try csvToJSON(csv) == [
                ["id": "1", "text": "Hello, world"],
                ["id": "2", "text": "She said \"hi\""],
                ["id": "3", "text": "two\nlines"],
                ["id": "4", "text": ""],
            ]
        )
    }

    @Test func lineEndingsCRLFLFAndCR() throws {
        let expected: JSON = [["a": "1"], ["a": "2"], ["a": "3"]]
        #expect(try csvToJSON("a\r\n1\r\n2\r\n3") == expected)
        #expect(try csvToJSON("a\n1\n2\n3\n") == expected)
        #expect(try csvToJSON("a\r1\r2\r3\r") == expected)
        #expect(try csvToJSON("a,b\n\"x\r\ny\",2") == [["a": "x\r\ny", "b": "2"]])
    }

    @Test(arguments: [";", "\t", "|"] as [Character])
    func delimiters(delimiter: Character) throws {
        let d = String(delimiter)
        let csv = "a\(d)b\n1\(d)\"x\(d)y\"\n"
        #expect(try csvToJSON(csv, .init(delimiter: delimiter)) == [["a": "1", "b": .string("x\(d)y")]])
    }

    @Test func invalidDelimiters() {
        for delimiter in ["\"", "\n", "é", "\r\n"] as [Character] {
            let error = conversionError { try csvToJSON("a", .init(delimiter: delimiter)) }
            #expect(error?.code == .invalidOption)
        }
    }

    @Test func emptyAndDuplicateHeadersBecomeColumnN() throws {
        let json = try csvToJSON("id,,name,id,name\n1,2,3,4,5")
        #expect(json == [["id": "1", "column_2": "2", "name": "3", "column_4": "4", "column_5": "5"]])
        let taken = try csvToJSON("a,,column_2\n1,2,3")
        #expect(taken == [["a": "1", "column_2": "2", "column_3": "3"]])
        let clash = try csvToJSON("column_2,\n1,2")
        #expect(clash == [["column_2": "1", "column_2_2": "2"]])
    }

    @Test func trimming() throws {
        #expect(try csvToJSON(" a , b \n 1 ,  \" 2 \"  \n") == [[" a ": " 1 ", " b ": "  \" 2 \"  "]])
        #expect(try csvToJSON(" a , b \n 1 ,  \" 2 \"  \n", .init(trimFields: true)) == [["a": "1", "b": " 2 "]])
        #expect(
            try csvToJSON("a\tb\n 1\t\t\n", .init(delimiter: "\t", hasHeader: false, trimFields: true))
                == [["a", "b"], ["1", "", ""]]
        )
    }

    @Test func trimmingNeverEatsTheDelimiter() throws {
        #expect(try csvToJSON("a b\n1 \"x y\"", .init(delimiter: " ", trimFields: true)) == [["a": "1", "b": "x y"]])
    }

    @Test func typeInferenceIsOffByDefault() throws {
        #expect(try csvToJSON("n,b\n12,true") == [["n": "12", "b": "true"]])
    }

    @Test func typeInference() throws {
        let csv = "int,dec,exp,bool,zip,text,empty,big\n12,-3.25,1e3,FALSE,01234,12 kg,,12345678901234567890\n"
        #expect(
            try csvToJSON(csv, .init(inferTypes: true)) == [
                [
                    "int": 12, "dec": -3.25, "exp": 1000, "bool": false, "zip": "01234", "text": "12 kg", "empty": "",
                    "big": "12345678901234567890",
                ]
            ]
        )
    }

    @Test func emptyAsNull() throws {
        #expect(try csvToJSON("a,b,c\n,\"\",x", .init(emptyAsNull: true)) == [["a": nil, "b": nil, "c": "x"]])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try csvToJSON("\u{FEFF}id,name\n1,x") == [["id": "1", "name": "x"]])
    }

    @Test func raggedRowsArePaddedAndExtrasKept() throws {
        let json = try csvToJSON("a,b,c\n1\n1,2,3,4,5\n")
        #expect(
            json == [
                ["a": "1", "b": nil, "c": nil],
                ["a": "1", "b": "2", "c": "3", "column_4": "4", "column_5": "5"],
            ]
        )
    }

    @Test func raggedRowsWithoutHeaderStayAsTheyAre() throws {
        #expect(try csvToJSON("1,2\n3\n", .init(hasHeader: false)) == [["1", "2"], ["3"]])
    }

    @Test func emptyInputs() throws {
        #expect(try csvToJSON("") == [])
        #expect(try csvToJSON("a,b\n") == [])
        #expect(try csvToJSON("\u{FEFF}") == [])
        #expect(try csvToJSON("", .init(hasHeader: false)) == [])
    }

    @Test func emptyLinesAreSkippedUnlessAsked() throws {
        #expect(try csvToJSON("a\n\n1\n\n\n2\n") == [["a": "1"], ["a": "2"]])
        #expect(try csvToJSON("a\n\n1\n", .init(skipEmptyLines: false)) == [["a": ""], ["a": "1"]])
        #expect(try csvToJSON("a\n\"\"\n1\n") == [["a": ""], ["a": "1"]])
    }

    @Test func trailingDelimiterMeansAnEmptyLastField() throws {
        #expect(try csvToJSON("a,b,\n1,2,", .init(hasHeader: false)) == [["a", "b", ""], ["1", "2", ""]])
    }

    @Test func quotesInsideUnquotedFieldsAreLiteral() throws {
        #expect(try csvToJSON("size\n27\" screen\n") == [["size": "27\" screen"]])
    }

    @Test func unicodeFields() throws {
        #expect(try csvToJSON("名前,ville\n山田,Zürich") == [["名前": "山田", "ville": "Zürich"]])
    }
}

@Suite("CSV to JSON: errors")
struct CSVToJSONErrorTests {
    @Test func strictRaggedRowNamesItsLine() {
        let csv = "a,b\n1,2\n\"multi\nline\",2\n3\n"
        let error = conversionError { try csvToJSON(csv, .init(strict: true)) }
        #expect(error?.code == .raggedRow)
        #expect(error?.line == 5)
        #expect(error?.column == nil)
        #expect(error?.description == "line 5: the row has 1 field, but the header has 2")
    }

    @Test func strictExtraFields() {
        let error = conversionError { try csvToJSON("a\n1,2\n", .init(strict: true)) }
        #expect(error?.line == 2)
        #expect(error?.message.contains("2 fields") == true)
    }

    @Test func strictWithoutHeaderComparesToTheFirstRow() {
        let error = conversionError { try csvToJSON("1,2\n3,4\n5\n", .init(hasHeader: false, strict: true)) }
        #expect(error?.line == 3)
        #expect(error?.message.contains("first row") == true)
    }

    @Test func unclosedQuotePointsAtTheOpeningQuote() {
        let error = conversionError { try csvToJSON("a,b\n1,\"never\nclosed") }
        #expect(error?.code == .unclosed)
        #expect(error?.line == 2)
        #expect(error?.column == 3)
    }

    @Test func textAfterClosingQuote() {
        let error = conversionError { try csvToJSON("a,b\n\"x\nü\"y,2") }
        #expect(error?.code == .malformed)
        #expect(error?.line == 3)
        #expect(error?.column == 3)
    }

    @Test func inputSizeLimit() {
        let error = conversionError { try csvToJSON("a,b\n1,2\n", .init(maximumInputBytes: 4)) }
        #expect(error?.code == .inputTooLarge)
    }
}
