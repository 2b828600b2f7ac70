import type en from '../en/lookup';
import type { Messages } from '../types';

/** 查找表单的拒绝原因：在出错的字段旁说明服务器为何无法识别。 */
const lookup: Messages<typeof en> = {
  journey: {
    lookup: {
      invalid: {
        fullName: '无法识别为姓名：请用文字输入来电者的姓名。',
        phone: '无法识别的手机号：请包含国家代码。',
        dateOfBirth: '无法识别的日期（例如 1990-03-05、05/03/1990、1990年3月5日）。',
        email: '不是有效的邮箱地址。',
        accountNumber: '不是有效的账号：只能包含字母和数字（空格和短横线会被忽略）。',
        nationalIdLast4: '请准确提供身份证件号码的最后 4 位。',
        tooLong: '太长：最多 %{max} 个字符。',
        fix: '请检查标出的字段：%{fields}。',
      },
    },
  },
};

export default lookup;
