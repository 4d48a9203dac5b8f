// `justera bankid-sim sign <autostarttoken|orderRef> --personnummer … --name …`
// (or --cancel): plays the signer's BankID app against the local stack's
// simulator through its control port, which the running stack names in its
// stack.json. The personnummer goes to the simulator only, never printed.
import { Personnummer } from '../../shared/bankid/personnummer';
import { bankIdSimControl, SimControlError, type SimControl } from '../local/bankid-sim-control';
import { CliError, localStack } from './target';

export interface BankIdSimFlags {
  personnummer?: string;
  name?: string;
  cancel?: boolean;
}

/** The order the token names: opened by its autostart token, or an orderRef the app already has open (a scanned QR code). */
async function opened(app: SimControl, token: string): Promise<string> {
  try {
    return (await app.open({ autoStartToken: token })).orderRef;
  } catch (error) {
    if (error instanceof SimControlError && error.errorCode === 'notFound') return token;
    throw error;
  }
}

export async function bankIdSimCommand(action: string | undefined, token: string | undefined, flags: BankIdSimFlags, out: (line: string) => void): Promise<void> {
  if (action !== 'sign' || !token) throw new CliError('usage: justera bankid-sim sign <autostarttoken|orderRef> (--personnummer <12 digits> --name "<name>" | --cancel)');
  const controlUrl = localStack().bankIdControlUrl;
  if (!controlUrl) throw new CliError('the local stack runs no BankID simulator (start it with "npm start")');
  let person: Personnummer | null = null;
  if (!flags.cancel) {
    if (!flags.personnummer || !flags.name) throw new CliError('bankid-sim sign needs --personnummer <12 digits> and --name "<name>" (or --cancel)');
    const parsed = Personnummer.parse(flags.personnummer);
    if (!parsed.ok) throw new CliError(parsed.reason);
    person = parsed.value;
  }
  const app = bankIdSimControl(controlUrl);
  try {
    const orderRef = await opened(app, token);
    if (!person || !flags.name) {
      await app.cancel(orderRef);
      out(`cancelled ${orderRef}`);
      return;
    }
    await app.identify(orderRef, person.digits(), flags.name);
    await app.confirm(orderRef);
    out(`signed ${orderRef}`);
  } catch (error) {
    if (error instanceof SimControlError) throw new CliError(error.message);
    throw error;
  }
}
