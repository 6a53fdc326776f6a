import Testing
import WeftMapping

@Suite struct WeftMappingPlaceholderTests {
    @Test func moduleLinks() { _ = WeftMapping.self }
}
