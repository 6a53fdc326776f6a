import Testing
import WeftOpenAPI

@Suite struct WeftOpenAPIPlaceholderTests {
    @Test func moduleLinks() { _ = WeftOpenAPI.self }
}
