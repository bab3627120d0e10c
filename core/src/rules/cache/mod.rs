//! Rules about build-cache use: layers that rebuild more often than they need to.
// tips
// pm
// dl3a
// dl3b
// bk
