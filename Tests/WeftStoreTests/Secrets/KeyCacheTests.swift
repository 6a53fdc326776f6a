import Foundation
import Testing

@testable import WeftStore

@Suite("Key cache and data keys")
struct KeyCacheTests {
    @Test("a full cache drops the least recently used key")
    func leastRecentlyUsed() {
        var cache = KeyCache(capacity: 2)
        let keys = (0..<3).map { _ in DataKey.generate() }
        cache.insert(keys[0], for: "org_0")
        cache.insert(keys[1], for: "org_1")
        #expect(cache.key(for: "org_0")?.id == keys[0].id)
        cache.insert(keys[2], for: "org_2")
        #expect(cache.count == 2)
        #expect(cache.key(for: "org_1") == nil, "org_1 was used least recently")
        #expect(cache.key(for: "org_0")?.id == keys[0].id)
        #expect(cache.key(for: "org_2")?.id == keys[2].id)
    }

    @Test("replacing a held key does not evict another")
    func replacing() {
        var cache = KeyCache(capacity: 2)
        cache.insert(.generate(), for: "org_0")
        cache.insert(.generate(), for: "org_1")
        let replacement = DataKey.generate()
        cache.insert(replacement, for: "org_0")
        #expect(cache.count == 2)
        #expect(cache.key(for: "org_0")?.id == replacement.id)
        #expect(cache.key(for: "org_1") != nil)
        cache.remove("org_1")
        #expect(cache.key(for: "org_1") == nil)
        cache.removeAll()
        #expect(cache.count == 0)
    }

    @Test("a data key prints and reflects its id only")
    func dataKeyMasked() {
        let key = DataKey.generate()
        let bytes = key.symmetricKey.withUnsafeBytes { Data($0) }
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        var dumped = ""
        dump(key, to: &dumped)
        for text in [key.description, key.debugDescription, String(reflecting: key), dumped] {
            #expect(text.contains(key.id.description))
            #expect(!text.contains(hex))
            #expect(!text.contains(bytes.base64EncodedString()))
        }
    }
}
