#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real wall clock, the default for `$now()` and `$millis()`.
public enum SystemClock {
    /// Milliseconds since the Unix epoch.
    @Sendable public static func millisecondsSinceEpoch() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return (Double(time.tv_sec) * 1000 + Double(time.tv_nsec / 1_000_000)).rounded(.down)
    }
}
