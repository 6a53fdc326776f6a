/// The mock's source of variety: a SplitMix64 generator, so that the same seed gives the same numbers on every
/// platform and every run (the standard library's generator is neither seeded nor stable).
struct MockRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator started from `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// A generator started from `seed` and a text (a request's fingerprint), mixed.
    init(seed: UInt64, _ text: String) {
        state = seed ^ Self.hash(text)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A whole number in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// A number in `0 ..< 1`.
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }

    /// One element of `list` (which must not be empty).
    mutating func pick<Element>(_ list: [Element]) -> Element {
        list[int(in: 0...(list.count - 1))]
    }

    /// The 64-bit FNV-1a hash of `text`'s UTF-8 bytes: stable across runs, unlike `Hasher`.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01B3
        }
        return hash
    }
}
