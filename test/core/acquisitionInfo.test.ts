import { expect } from 'chai';
import { getAcquisitionInfo } from '../../lib/core/acquisitionInfo.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { compareVersions, parseVersion } from '../../lib/core/version.js';

/** Shaped like nVista 3 acquisition metadata plus IDPS processing keys. */
const singleColour: JsonObject = {
  animal: { sex: 'm', dob: '', id: '', species: '', weight: 0, description: '' },
  microscope: {
    focus: 0,
    gain: 7,
    serial: 'unknown',
    type: 'nVista',
    exp: 50,
    led: { exPower: 0.5, ogPower: 0 },
    customMetadata: { Rig: 'B2', Trial: 3 },
    widefield: false,
  },
  name: 'Session 20180621-174314',
  personnel: { name: 'John Doe' },
  probe: { diameter: 0, flip: 'none', length: 0, pitch: 0, rotation: 0, type: 'None' },
  producer: { versionBE: '1.1.0-7c2f9e3', version: '1.1.0' },
  idps: { efocus: 700, channel: 'green', interpolatedFrames: [4, 9], mc_padding: 12, cellset: { method: 'pca-ica', units: 'dF over noise' } },
  processingInterface: { recordingUUID: 'GA-123' },
  ignored: { anything: 1 },
};

describe('getAcquisitionInfo (spec 13)', () => {
  it('maps a single-colour nVista recording to the isx keys with values as stored', () => {
    expect(getAcquisitionInfo(singleColour)).to.deep.equal({
      'Animal Sex': 'm',
      'Animal Date of Birth': '',
      'Animal ID': '',
      'Animal Species': '',
      'Animal Weight': 0,
      'Animal Description': '',
      'Microscope Focus': 0,
      'Microscope Gain': 7,
      'Microscope Serial Number': 'unknown',
      'Microscope Type': 'nVista',
      'Exposure Time (ms)': 50,
      'Microscope EX LED Power (mw/mm^2)': 0.5,
      'Microscope OG LED Power (mw/mm^2)': 0,
      Rig: 'B2',
      Trial: 3,
      'Wide Field': 'False',
      'Session Name': 'Session 20180621-174314',
      'Experimenter Name': 'John Doe',
      'Probe Diameter (mm)': 0,
      'Probe Flip': 'none',
      'Probe Length (mm)': 0,
      'Probe Pitch': 0,
      'Probe Rotation (degrees)': 0,
      'Probe Type': 'None',
      'Acquisition SW Version': '1.1.0',
      efocus: 700,
      channel: 'green',
      'Interpolated Samples': '4 9 ',
      'Motion correction padding': 12,
      'Cell Identification Method': 'pca-ica',
      'Trace Units': 'dF over noise',
      'Recording UUID': 'GA-123',
    });
  });

  it('names LEDs 1 and 2 for a dual-colour scope, LED 2 from exPower2 when enabled', () => {
    const info = getAcquisitionInfo({ microscope: { dualColor: { enabled: true }, led: { exPower: 1.1, exPower2: 2.2, ogPower: 3.3 }, widefield: true } });
    expect(info).to.deep.equal({
      'Microscope EX LED 1 Power (mw/mm^2)': 1.1,
      'Microscope EX LED 2 Power (mw/mm^2)': 2.2,
      'Wide Field': 'True',
    });
  });

  it('takes LED 2 from ogPower on a multicolour scope with dual colour off', () => {
    const info = getAcquisitionInfo({ microscope: { dualColor: { enabled: false }, led: { exPower: 1.1, exPower2: 2.2, ogPower: 3.3 } } });
    expect(info).to.deep.equal({ 'Microscope EX LED 1 Power (mw/mm^2)': 1.1, 'Microscope EX LED 2 Power (mw/mm^2)': 3.3 });
  });

  it('maps vessel-set keys and defaults the vessel error lists to "{}"', () => {
    const info = getAcquisitionInfo({
      idps: { vesselset: { type: 'vessel diameter', units: 'microns', timeIncrement: 1, timeWindow: 2, estimationMethod: 'Parametric FWHM', clippedVessels: '[0, 3]' } },
    });
    expect(info).to.deep.equal({
      'Vessel Set Type': 'vessel diameter',
      'Trace Units': 'microns',
      'Time Increment (s)': 1,
      'Time Window (s)': 2,
      'Vessel Diameter Estimation Method': 'Parametric FWHM',
      'Vessels with Clipping Error': '[0, 3]',
      'Vessels with No Significant Pixels Error': '{}',
      'Vessels with Direction Change Error': '{}',
    });
  });

  it('returns null for null, non-object or unrelated extraProperties', () => {
    expect(getAcquisitionInfo(null)).to.equal(null);
    expect(getAcquisitionInfo(undefined)).to.equal(null);
    expect(getAcquisitionInfo([1, 2])).to.equal(null);
    expect(getAcquisitionInfo({ producer: { version: '1.2.0' }, other: 1 })).to.equal(null);
  });
});

describe('parseVersion (spec 4.5)', () => {
  it('reads up to three parts before the first hyphen, missing parts 0', () => {
    expect(parseVersion('1.2.3-rc1')).to.deep.equal([1, 2, 3]);
    expect(parseVersion('1.1')).to.deep.equal([1, 1, 0]);
    expect(parseVersion('2')).to.deep.equal([2, 0, 0]);
    expect(parseVersion('1.2.3.4')).to.deep.equal([1, 2, 3]);
  });

  it('returns null when a part is not an integer', () => {
    expect(parseVersion('1.x.1')).to.equal(null);
    expect(parseVersion('')).to.equal(null);
    expect(parseVersion('v1.2')).to.equal(null);
  });

  it('orders versions part by part', () => {
    expect(compareVersions([1, 1, 1], [1, 1, 0])).to.be.greaterThan(0);
    expect(compareVersions([1, 0, 9], [1, 1, 1])).to.be.lessThan(0);
    expect(compareVersions([1, 10, 0], [1, 9, 9])).to.be.greaterThan(0);
  });
});
