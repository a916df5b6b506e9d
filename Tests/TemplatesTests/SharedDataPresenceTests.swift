import Testing
import TestSupport

/// Tests that read `../shared` are not run where it is absent (a user's clone), each saying why. In CI they must
/// never be skipped: this fails at once, with the reason, when the folder is missing there.
@Suite struct SharedDataPresenceTests {
    @Test(.enabled(if: SharedData.inCI, "runs with CI=true only"))
    func sharedDataIsThereInCI() {
        #expect(SharedData.isPresent, "\(SharedData.absentMessage)")
    }
}
