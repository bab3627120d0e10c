//! Rules about consistency and readability that do not change the image.
// tips
// pm
// dl3a
// dl3b
// bk
