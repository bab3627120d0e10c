//! Rules about builds that give a different image each time they run.
// tips
// pm
// dl3a
// dl3b
// bk
