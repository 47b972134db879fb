// RuleTester replaces this file's text with each test case's code.
export {};
