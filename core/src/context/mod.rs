pub mod dockerignore;
