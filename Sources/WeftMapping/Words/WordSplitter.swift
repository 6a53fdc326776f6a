/// Splits identifiers and prose into lowercase words.
///
/// `billToCustomerNumber` gives `bill to customer number`; `line_items` gives `line items`; `HTMLURL2` gives
/// `htmlurl 2` (a run of capitals stays one word unless a lowercase letter follows: `HTMLUrl` gives `html url`);
/// `address1` gives `address 1`; `content@odata.mediaEditLink` gives `content odata media edit link`.
public enum WordSplitter {
    /// The words of an identifier, lowercased.
    public static func words(ofIdentifier identifier: String) -> [String] {
        var words: [String] = []
        var current: [Character] = []
        let characters = Array(identifier)
        func flush() {
            if !current.isEmpty { words.append(String(current).lowercased()) }
            current = []
        }
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                flush()
                continue
            }
            if let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let startsWord =
                    (character.isUppercase && previous.isLowercase)
                    || (character.isUppercase && previous.isUppercase && (next?.isLowercase ?? false))
                    || (character.isNumber != previous.isNumber)
                if startsWord { flush() }
            }
            current.append(character)
        }
        flush()
        return words
    }

    /// The words of a sentence, lowercased, without punctuation; identifiers inside it are split too.
    public static func words(ofText text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).flatMap {
            words(ofIdentifier: String($0))
        }
    }
}
