import type { MailMessage } from '../../../../platform/mail/mail-message';
import type { User } from '../../persistence/user.entity';

export function passwordResetMail(user: User, link: string, ttlMinutes: number): MailMessage {
  return {
    to: user.email,
    subject: 'Reset your AI Film Studio password',
    text: [
      `Hello ${user.firstName},`,
      '',
      'Someone asked to reset the password of your AI Film Studio account.',
      `To choose a new one, open this link within ${ttlMinutes} minutes:`,
      '',
      link,
      '',
      'If it was not you, ignore this mail: your password stays as it is.',
    ].join('\n'),
  };
}
