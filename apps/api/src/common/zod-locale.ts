import { z } from 'zod';

// zod's own messages (a wrong type, an array for a scalar) reach people too: Chinese, like every message we write.
z.config(z.locales.zhCN());
