/* A TU that fails to compile: its SARIF notification must validate too. */
int broken(void) { return undeclared_name; }
