"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=extension.js.map