import Testing

extension Tag {
    /// The fault suites (issue: work that stalls or runs wrong): real processes under load, kills and full disks,
    /// each bounded in time. Their suites are named `Fault…Tests`, so `swift test --filter Fault` runs them alone.
    @Tag public static var fault: Self
}
