import type en from '../en/focus';
import type { Messages } from '../types';

/** 被拒绝的对话框指出要修改的字段。 */
const focus: Messages<typeof en> = {
  journey: {
    errors: { fieldRefused: '未被接受：请修改“%{field}”后重试。' },
  },
};

export default focus;
