/// XML 1.0 (fifth edition) names: the check and the sanitising that ``JSONToXML`` applies to element and
/// attribute names.
enum XMLName {
    /// `name` made into a valid XML name: characters outside `NameChar` become `_`, a first character
    /// outside `NameStartChar` gets a `_` in front (or is replaced when it is not a `NameChar` either), and
    /// the empty name becomes `_`.
    static func sanitized(_ name: String) -> String {
        if isValid(name) { return name }
        var result = ""
        for scalar in name.unicodeScalars {
            if result.isEmpty {
                if isNameStart(scalar) {
                    result.unicodeScalars.append(scalar)
                } else if isNameCharacter(scalar) {
                    result += "_"
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "_"
                }
            } else {
                if isNameCharacter(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "_"
                }
            }
        }
        return result.isEmpty ? "_" : result
    }

    /// Whether `name` is a valid XML name.
    static func isValid(_ name: String) -> Bool {
        var scalars = name.unicodeScalars.makeIterator()
        guard let first = scalars.next(), isNameStart(first) else { return false }
        while let scalar = scalars.next() {
            guard isNameCharacter(scalar) else { return false }
        }
        return true
    }

    /// XML 1.0 `NameStartChar`.
    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3A, 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
            0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF,
            0xFDF0...0xFFFD, 0x1_0000...0xE_FFFF:
            return true
        default:
            return false
        }
    }

    /// XML 1.0 `NameChar`.
    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return isNameStart(scalar)
        }
    }
}
