import { GAXIOS_ERROR, toYouTubeApiError } from './youtube-api-error';

const gaxios = (status: number, data: unknown) => Object.assign(new Error('request failed'), { response: { status, data } });
const dataApi = (status: number, reason: string) => gaxios(status, { error: { code: status, message: `${reason} said`, errors: [{ reason }] } });

describe('toYouTubeApiError', () => {
  it.each([
    [dataApi(403, 'quotaExceeded'), 'quota', 'quotaExceeded'],
    [dataApi(403, 'dailyLimitExceeded'), 'quota', 'dailyLimitExceeded'],
    [gaxios(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }), 'auth', 'invalid_grant'],
    [dataApi(401, 'authError'), 'auth', 'authError'],
    [dataApi(403, 'forbidden'), 'client', 'forbidden'],
    [dataApi(400, 'invalidTitle'), 'client', 'invalidTitle'],
    [dataApi(403, 'rateLimitExceeded'), 'transient', 'rateLimitExceeded'],
    [dataApi(503, 'backendError'), 'transient', 'backendError'],
    [gaxios(502, '<html>Bad Gateway</html>'), 'transient', 'http_502'],
    [Object.assign(new Error('socket hang up'), { [GAXIOS_ERROR]: '7.3.1', code: 'ECONNRESET' }), 'transient', 'network'],
    [Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'transient', 'network'],
    [new Error('relation "assets" does not exist'), 'transient', 'internal'],
    [gaxios(401, { error: 'unauthorized_client', error_description: 'Unauthorized' }), 'client', 'unauthorized_client'],
  ])('classifies %#', (error, kind, reason) => {
    const failure = toYouTubeApiError(error, 'uploading the film');
    expect({ kind: failure.kind, reason: failure.reason }).toEqual({ kind, reason });
    expect(failure.message).toMatch(/uploading the film/);
  });

  it('keeps the own words of an internal error out of what the user reads, and keeps them as the cause for the log', () => {
    const internal = new Error('relation "assets" does not exist at jobs/1234/compose/film.mp4');
    const failure = toYouTubeApiError(internal, 'uploading the film');
    expect(failure.message).toBe("An internal error interrupted uploading the film; it is recorded in the service's log.");
    expect(failure.cause).toBe(internal);
  });

  it('says what Google said, in one bounded line', () => {
    const failure = toYouTubeApiError(dataApi(400, 'invalidTitle'), 'starting the upload');
    expect(failure.message).toBe('YouTube refused starting the upload: 400 invalidTitle (invalidTitle said).');
  });
});
