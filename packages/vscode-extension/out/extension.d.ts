export {};
//# sourceMappingURL=extension.d.ts.map