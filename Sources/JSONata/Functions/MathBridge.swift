#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// C's `pow`, isolated here so that the rest of the module needs no libc import.
func powBridge(_ base: Double, _ exponent: Double) -> Double {
    pow(base, exponent)
}
