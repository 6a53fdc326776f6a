import Testing

@testable import WeftMapping

@Suite struct WordSplitterTests {
    @Test(arguments: [
        ("billToCustomerNumber", ["bill", "to", "customer", "number"]),
        ("line_items", ["line", "items"]),
        ("HTMLUrl", ["html", "url"]),
        ("address1", ["address", "1"]),
        ("content@odata.mediaEditLink", ["content", "odata", "media", "edit", "link"]),
        ("countryLetterCode", ["country", "letter", "code"]),
        ("e-mail", ["e", "mail"]),
        ("ZIP", ["zip"]),
    ])
    func splitsIdentifiers(identifier: String, words: [String]) {
        #expect(WordSplitter.words(ofIdentifier: identifier) == words)
    }

    @Test func stemsPluralsAndEndings() {
        #expect(Stemmer.stem("taxes") == Stemmer.stem("tax"))
        #expect(Stemmer.stem("included") == Stemmer.stem("include"))
        #expect(Stemmer.stem("shipping") == "ship")
        #expect(Stemmer.stem("billing") == "bill")
        #expect(Stemmer.stem("addresses") == "address")
        #expect(Stemmer.stem("status") == "status")
    }

    @Test func readsAbbreviationsAndPhrasesAsConcepts() {
        let vocabulary = Vocabulary.standard
        func concepts(_ name: String) -> [String] {
            vocabulary.terms(of: WordSplitter.words(ofIdentifier: name), level: 0, levelWeight: 1).map(\.concept)
        }
        #expect(concepts("qty") == concepts("quantity"))
        #expect(concepts("zip") == concepts("postalCode"))
        #expect(concepts("phone_no") == concepts("telephoneNumber"))
        #expect(concepts("e_mail") == concepts("emailAddress"))
        #expect(concepts("billToName") == concepts("billing_name"))
        #expect(concepts("unitOfMeasure") == concepts("uom"))
        let qty = vocabulary.terms(of: ["qty"], level: 0, levelWeight: 1)
        #expect(qty.first?.text == "qty")
        #expect(qty.first?.expansion == "quantity")
    }
}
