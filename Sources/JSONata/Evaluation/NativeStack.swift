import CStackBounds

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the current thread's stack ends, so that deep recursion becomes an error instead of a crash.
///
/// The evaluator and the parser recurse once per nesting level. A depth limit alone cannot protect the native
/// stack: frame sizes differ between debug and release builds, and callers may already be deep in their own
/// stack or on a thread with a small one. So both also check the real remaining space against a margin.
enum NativeStack {
    /// Space kept free below the guard for the work one level may still do (function library, regex
    /// matching, JSON conversion). Debug builds use far larger frames than release builds.
    #if DEBUG
        static let margin: UInt = 1 << 20
    #else
        static let margin: UInt = 256 << 10
    #endif

    /// The lowest address a frame may use before recursion must stop, for the current thread, or nil when
    /// the platform does not tell.
    static func guardAddress() -> UInt? {
        #if os(Linux)
            let cached = UInt(bitPattern: pthread_getspecific(threadKey))
            if cached != 0 { return cached }
            let lowest = UInt(weft_stack_lowest_address())
            guard lowest != 0 else { return nil }
            let limit = lowest + margin
            pthread_setspecific(threadKey, UnsafeRawPointer(bitPattern: limit))
            return limit
        #else
            let lowest = UInt(weft_stack_lowest_address())
            return lowest == 0 ? nil : lowest + margin
        #endif
    }

    /// The address of the caller's frame (approximately: of a local in this inlined function).
    @inline(__always)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}

#if os(Linux)
    /// Caches each thread's guard address: reading the bounds of the main thread parses /proc/self/maps.
    private let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
#endif
